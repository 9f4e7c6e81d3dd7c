"""Reading contact exports into text tables and writing the cleaned results."""

from grc_toolkit.io.readers import Table, read_table
from grc_toolkit.io.writers import check_writable, default_output_path, write_page, write_table

__all__ = ["Table", "check_writable", "default_output_path", "read_table", "write_page", "write_table"]
