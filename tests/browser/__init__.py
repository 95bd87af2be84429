"""Browser tests: headless Chromium on the built HTML (``make test-browser``)."""
