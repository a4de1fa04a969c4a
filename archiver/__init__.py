"""archiver: archive news pages as WARC files and keep their article text clean."""
__version__ = "0.1.0"
