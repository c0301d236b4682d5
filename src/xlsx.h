/* xlsx.h — read the cells of an Office Open XML workbook (.xlsx), for
 * importing JMA's multilingual dictionary (jma_multilingual.xlsx).
 *
 * An .xlsx is a ZIP archive of XML parts; this reads the workbook's sheet
 * list, its relationships, the shared strings and each worksheet, and
 * keeps every cell as text (numbers as written in the XML, shared and
 * inline strings resolved, phonetic runs dropped).  Formulas, styles and
 * dates are not interpreted.  Outside input: every size is limited (see
 * struct bc_xlsx_limits) and the XML is parsed without DTDs, entities or
 * network.
 */
#ifndef BC_XLSX_H
#define BC_XLSX_H

#include <stddef.h>

#include "error.h"

struct bc_xlsx_limits {
	size_t max_file;       /* bytes of the .xlsx itself */
	size_t max_entries;    /* entries in the ZIP directory */
	size_t max_part;       /* uncompressed bytes of one part */
	size_t max_total;      /* uncompressed bytes of all parts read */
	size_t max_sheets;
	size_t max_cells;      /* non-empty cells of all sheets, and shared
				* strings */
	size_t max_cols;       /* columns of a row (A = 1) */
	size_t max_rows;       /* row number */
	size_t max_cell_bytes; /* UTF-8 bytes of one cell */
};

/* 64 MiB file, 10 000 entries, 64 MiB per part, 256 MiB in all, 64
 * sheets, 2 000 000 cells, 256 columns, 1 048 576 rows, 64 KiB a cell.
 * Cannot fail. */
void bc_xlsx_default_limits(struct bc_xlsx_limits *lim);

struct bc_xlsx; /* opaque */

/* Read every worksheet of the workbook at path (or in memory: data, n,
 * copied).  On failure *why is one line naming the part and the reason
 * (not a ZIP archive, a part over the limit, a missing part, malformed
 * XML, a DTD) and *out is NULL.  Caller owns *out. */
enum bc_err bc_xlsx_open(const char *path, const struct bc_xlsx_limits *lim,
			 struct bc_xlsx **out, char *why, size_t why_size);
enum bc_err bc_xlsx_open_mem(const void *data, size_t n,
			     const struct bc_xlsx_limits *lim,
			     struct bc_xlsx **out, char *why,
			     size_t why_size);
void bc_xlsx_free(struct bc_xlsx *x);

size_t bc_xlsx_sheets(const struct bc_xlsx *x);
/* The sheet's name in the workbook, borrowed until bc_xlsx_free. */
const char *bc_xlsx_sheet_name(const struct bc_xlsx *x, size_t sheet);
/* Highest row number (1-based, as Excel shows it) with a cell; 0 if the
 * sheet is empty. */
size_t bc_xlsx_rows(const struct bc_xlsx *x, size_t sheet);
/* Text of the cell at row (1-based) and column (1 = A); "" when empty or
 * out of range.  Never NULL; borrowed until bc_xlsx_free. */
const char *bc_xlsx_cell(const struct bc_xlsx *x, size_t sheet, size_t row,
			 size_t col);

#endif
