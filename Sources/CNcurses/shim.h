#ifndef AGON_CNCURSES_SHIM_H
#define AGON_CNCURSES_SHIM_H
// SwiftPM drops pkg-config's -D_XOPEN_SOURCE, and without this the wide-character API is invisible.
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

int wcwidth(wchar_t c);

// Swift 6 rejects C globals and function-like macros; these small accessors stand in for them.
static inline WINDOW *agon_stdscr(void) { return stdscr; }
static inline int agon_lines(void) { return LINES; }
static inline int agon_cols(void) { return COLS; }
static inline attr_t agon_attr_bold(void) { return A_BOLD; }
static inline attr_t agon_attr_reverse(void) { return A_REVERSE; }
static inline attr_t agon_attr_dim(void) { return A_DIM; }
static inline attr_t agon_attr_underline(void) { return A_UNDERLINE; }
static inline int agon_key_f(int n) { return KEY_F(n); }

#endif
