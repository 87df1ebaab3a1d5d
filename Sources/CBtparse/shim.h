#include <stdio.h>
#include <btparse.h>

/* btparse reports problems with fprintf(stderr, ...) and has no public error handler: while it
   parses, C's stderr stream is pointed at a memory buffer so that its messages become
   diagnostics. Only C stdio's stream is swapped; file descriptor 2 is untouched. */
static inline FILE *callbook_bt_swap_stderr(FILE *replacement) {
    FILE *previous = stderr;
    stderr = replacement;
    return previous;
}
