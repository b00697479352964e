#ifndef AGON_CNCURSES_SHIM_H
#define AGON_CNCURSES_SHIM_H
// SwiftPM drops pkg-config's -D_XOPEN_SOURCE, and without this the wide-character API is invisible.
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <signal.h>
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <stdlib.h>
#include <fcntl.h>
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

// Signals. A handler may only set a flag; the run loop reads it between keys. The flag lives in C
// because Swift 6 has no safe global a signal handler could write.
static volatile sig_atomic_t agon_pending_signal = 0;

static void agon_note_signal(int signal) { agon_pending_signal = signal; }

// A crash (a trap in Swift, a bad access) must not leave the rater's terminal raw and invisible:
// restore it, then die as the signal would have made us die.
static void agon_crash(int signal) {
    endwin();
    struct sigaction fallback;
    sigemptyset(&fallback.sa_mask);
    fallback.sa_flags = 0;
    fallback.sa_handler = SIG_DFL;
    sigaction(signal, &fallback, 0);
    raise(signal);
}

static inline void agon_install_signal_handlers(void) {
    // A process started from a test runner or a Dispatch thread can inherit a mask that blocks these.
    sigset_t unblock;
    sigemptyset(&unblock);
    int wanted[] = {SIGWINCH, SIGINT, SIGTERM, SIGHUP, SIGTSTP, SIGCONT, SIGQUIT};
    for (unsigned i = 0; i < sizeof wanted / sizeof wanted[0]; i++) sigaddset(&unblock, wanted[i]);
    pthread_sigmask(SIG_UNBLOCK, &unblock, 0);

    struct sigaction action;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;  // no SA_RESTART: a signal interrupts the wait for a key
    action.sa_handler = agon_note_signal;
    sigaction(SIGTERM, &action, 0);
    sigaction(SIGHUP, &action, 0);
    sigaction(SIGINT, &action, 0);
    sigaction(SIGQUIT, &action, 0);

    struct sigaction crash;
    sigemptyset(&crash.sa_mask);
    crash.sa_flags = 0;
    crash.sa_handler = agon_crash;
    int fatal[] = {SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE};
    for (unsigned i = 0; i < sizeof fatal / sizeof fatal[0]; i++) sigaction(fatal[i], &crash, 0);
}

static inline int agon_take_signal(void) {
    int signal = agon_pending_signal;
    agon_pending_signal = 0;
    return signal;
}

static inline FILE *agon_open_stream(int descriptor, const char *mode) { return fdopen(descriptor, mode); }

// Pseudo-terminals, for the benchmark: ioctl is variadic and does not import into Swift.
static inline int agon_set_window_size(int descriptor, int rows, int columns) {
    struct winsize size = {(unsigned short)rows, (unsigned short)columns, 0, 0};
    return ioctl(descriptor, TIOCSWINSZ, &size);
}

static inline int agon_open_pseudo_terminal(char *slavePath, size_t capacity) {
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    if (master < 0) return -1;
    if (grantpt(master) != 0 || unlockpt(master) != 0 || ptsname_r(master, slavePath, capacity) != 0) {
        close(master);
        return -1;
    }
    return master;
}

#endif
