"""Watch archived articles for edits: a re-capture schedule, change events, notifications, a feed.

The parts, one job each:

- :mod:`archiver.watch.clock`: the time a run believes it is (settable for tests);
- :mod:`archiver.watch.schedule`: the pure re-capture policy (``next_due``);
- :mod:`archiver.watch.store`: the catalog tables (schedule, judged captures, events, outbox);
- :mod:`archiver.watch.backoff`: the per-URL backoff of failing fetches (its own table);
- :mod:`archiver.watch.revival`: a host's URLs back from their backoff, a few per run (its own table);
- :mod:`archiver.watch.judge`: what one new capture is (same text, an edit, a return, not the article ...);
- :mod:`archiver.watch.events`: turns a URL's new captures into judged captures and change events;
- :mod:`archiver.watch.page`: the words on a captured page (the judge's check; also read by ``archiver history``);
- :mod:`archiver.watch.notify`: apprise messages from change events, through an outbox;
- :mod:`archiver.watch.feed`: ``clean/changes.atom``;
- :mod:`archiver.watch.run`: what ``archiver run LIST --watch`` adds around fetch and extract.
"""
