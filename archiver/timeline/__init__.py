"""``archiver report --output DIR``: a static site of watched URLs and their versions on a timeline.

:mod:`archiver.timeline.model` gathers each URL's judged captures and the diffs
between its versions (no writes); :mod:`archiver.timeline.pages` renders them as
HTML (everything from archived pages escaped, no script allowed by the pages'
Content-Security-Policy); :mod:`archiver.timeline.site` writes the files.
"""
