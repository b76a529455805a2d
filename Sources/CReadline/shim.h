// GNU readline for govq's REPL. readline.h uses FILE without including <stdio.h>; include it first.
#include <stdio.h>
#include <signal.h>
#include <readline/readline.h>
#include <readline/history.h>

// Swift 6 rejects direct use of mutable C globals ("not concurrency-safe"), so every global
// the REPL touches goes through one of these accessors.

static inline void govq_set_readline_name(const char *name) { rl_readline_name = name; }
static inline int govq_history_length(void) { return history_length; }
static inline int govq_history_base(void) { return history_base; }

/// The text of the most recent history entry, or NULL.
static inline const char *govq_last_history_line(void) {
    HIST_ENTRY *e = history_get(history_base + history_length - 1);
    return e ? e->line : NULL;
}

// Completion.
static inline void govq_set_completion_function(rl_completion_func_t *f) { rl_attempted_completion_function = f; }
static inline void govq_set_word_break_characters(const char *s) { rl_completer_word_break_characters = (char *)s; }
static inline void govq_set_completion_over(int over) { rl_attempted_completion_over = over; }
static inline void govq_set_completion_append_character(int c) { rl_completion_append_character = c; }
static inline void govq_set_completion_suppress_quote(int q) { rl_completion_suppress_quote = q; }
static inline const char *govq_line_buffer(void) { return rl_line_buffer; }

// Signals: readline must not take SIGINT itself; govq's handler sets a flag, which interrupts
// poll(2) in the callback loop, and the REPL then abandons the line (Python's readline does the same).
static inline void govq_set_catch_signals(int on) { rl_catch_signals = on; }
static volatile sig_atomic_t govq_sigint_flag = 0;
static inline void govq_on_sigint(int sig) { (void)sig; govq_sigint_flag = 1; }
static inline int govq_take_sigint(void) { int f = govq_sigint_flag; govq_sigint_flag = 0; return f; }
static volatile sig_atomic_t govq_sigwinch_flag = 0;
static inline void govq_on_sigwinch(int sig) { (void)sig; govq_sigwinch_flag = 1; }
static inline int govq_take_sigwinch(void) { int f = govq_sigwinch_flag; govq_sigwinch_flag = 0; return f; }
static inline void govq_install_signal_handlers(void) {
    struct sigaction sa;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;  // no SA_RESTART: the blocking poll must return EINTR
    sa.sa_handler = govq_on_sigint;
    sigaction(SIGINT, &sa, NULL);
    // A resized terminal: readline re-reads the size when told (it only catches SIGWINCH itself
    // while it processes a key).
    sa.sa_handler = govq_on_sigwinch;
    sigaction(SIGWINCH, &sa, NULL);
    // A parent may have started us with these blocked (the mask is inherited across exec).
    sigset_t wanted;
    sigemptyset(&wanted);
    sigaddset(&wanted, SIGINT);
    sigaddset(&wanted, SIGWINCH);
    pthread_sigmask(SIG_UNBLOCK, &wanted, NULL);
}
