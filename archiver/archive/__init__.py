"""The open archive: any WARC in (``import``, ``reindex``), CDXJ and WACZ out.

Modules, each with one job:

- :mod:`~archiver.archive.layout`: a WARC file's layout (plain, gzip per record, one gzip stream for the
  whole file) and where its records start;
- :mod:`~archiver.archive.inflate`: reading a file's records in order, a one-stream gzip file too;
- :mod:`~archiver.archive.streams`: reading one record back from its offset, in any layout;
- :mod:`~archiver.archive.seedinfo`: the ``metadata`` record archiver writes per capture, so the
  catalog can be rebuilt from the WARC files alone;
- :mod:`~archiver.archive.records`: a WARC record -> a catalog row (pure);
- :mod:`~archiver.archive.importer`: index WARC files into the catalog (``archiver import``);
- :mod:`~archiver.archive.reindex`: check the catalog, rebuild it (``archiver reindex``);
- :mod:`~archiver.archive.cdxj`: ``warcs/index.cdxj`` with cdxj-indexer;
- :mod:`~archiver.archive.wacz`: ``archiver export --wacz``.
"""
