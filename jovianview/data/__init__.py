"""Network and file formats, outside the pure-numpy ``core``.

- :mod:`~jovianview.data.http`: the program's one HTTP client (checked http(s) URLs, same-host
  redirects, an overall deadline) and byte ranges of remote files;
- :mod:`~jovianview.data.download`: whole-file downloads with safe resume (``If-Range``);
- :mod:`~jovianview.data.spk_excerpt`, :mod:`~jovianview.data.excerpt_plan`,
  :mod:`~jovianview.data.excerpt_write`: small SPK excerpts of JPL's large kernels;
- :mod:`~jovianview.data.juno_kernels`: NAIF's reconstructed Juno kernels;
- :mod:`~jovianview.data.texture_packs`, :mod:`~jovianview.data.pack_cache`: the HD pack
  catalogue, its processing and the cache;
- :mod:`~jovianview.data.images`: image files through Pillow;
- :mod:`~jovianview.data.files`: atomic writes, checksums.

``data`` may import ``core``; ``core`` never imports ``data`` (import-linter layers), and neither
imports a GUI toolkit.
"""
