"""Moving review work between databases and out to publishers.

`export` writes a JSON document, JSON Lines or schema.org ClaimReview;
`importer` merges a json/jsonl export into a database. The formats are
described by `schema/export.schema.json`, shipped with the package.
"""

from __future__ import annotations

from workbench.exchange.export import (
    FORMATS,
    ExportError,
    ExportOptions,
    ExportSummary,
    export_file,
    export_to_file,
    make_options,
    write_export,
)
from workbench.exchange.importer import ImportReport, import_file, import_stream
from workbench.exchange.reader import ImportFileError

__all__ = ["FORMATS", "ExportError", "ExportOptions", "ExportSummary", "ImportFileError",
           "ImportReport", "export_file", "export_to_file", "import_file", "import_stream",
           "make_options", "write_export"]
