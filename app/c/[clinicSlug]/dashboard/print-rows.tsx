// The printed dashboard is one sheet, whatever the clinic's size: a table of more than PRINT_ROWS
// rows prints its first PRINT_ROWS − 1 (the tables list the largest first) and a line saying how
// many more the screen lists. On screen every row shows and the line does not.

export const PRINT_ROWS = 10;

/** The class of row i of `total`: "no-print" for the rows a printed table leaves out. */
export const printRowClass = (i: number, total: number): string | undefined =>
  total > PRINT_ROWS && i >= PRINT_ROWS - 1 ? "no-print" : undefined;

/** The printed line in place of the rows left out ("…and 16 more clinicians, listed on screen"); nothing when all print. */
export function MoreWhenPrinted(props: { total: number; columns: number; noun: string }) {
  if (props.total <= PRINT_ROWS) return null;
  return (
    <tr className="print-only-row">
      <td colSpan={props.columns}>
        …and {props.total - (PRINT_ROWS - 1)} more {props.noun}, listed on screen
      </td>
    </tr>
  );
}
