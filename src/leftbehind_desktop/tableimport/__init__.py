"""Table import (导入已有台账): bring in the spreadsheets offices already keep.

Qt-free. Reading (:mod:`.reader`), finding the header and the columns (:mod:`.headers`),
reading values as people type them (:mod:`.values`), turning each row into the records of
one child file checked by the same forms as typed input (:mod:`.rows`), the report and the
rejected-rows workbook (:mod:`.report`), the blank template (:mod:`.template`). Writing is a
store service (:mod:`leftbehind_desktop.store.tableimport`). Everything about which header
means which field is data: ``forms/tableimport.toml`` next to the forms.
"""
