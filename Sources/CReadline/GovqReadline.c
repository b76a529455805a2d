// See GovqReadline.h. readline's own headers give the types; every function and global is
// resolved from libreadline.so.8 on the first govq_readline_load, which ReadlineLineReader makes
// before any other call.
#include "GovqReadline.h"
#include <dlfcn.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <readline/readline.h>
#include <readline/history.h>

static struct {
    __typeof__(rl_callback_handler_install) *rl_callback_handler_install;
    __typeof__(rl_callback_handler_remove) *rl_callback_handler_remove;
    __typeof__(rl_callback_read_char) *rl_callback_read_char;
    __typeof__(rl_callback_sigcleanup) *rl_callback_sigcleanup;
    __typeof__(rl_cleanup_after_signal) *rl_cleanup_after_signal;
    __typeof__(rl_free_line_state) *rl_free_line_state;
    __typeof__(rl_replace_line) *rl_replace_line;
    __typeof__(rl_resize_terminal) *rl_resize_terminal;
    __typeof__(rl_completion_matches) *rl_completion_matches;
    __typeof__(using_history) *using_history;
    __typeof__(stifle_history) *stifle_history;
    __typeof__(read_history) *read_history;
    __typeof__(write_history) *write_history;
    __typeof__(append_history) *append_history;
    __typeof__(history_truncate_file) *history_truncate_file;
    __typeof__(add_history) *add_history;
    __typeof__(history_get) *history_get;
    __typeof__(rl_readline_name) *rl_readline_name;
    __typeof__(rl_attempted_completion_function) *rl_attempted_completion_function;
    __typeof__(rl_completer_word_break_characters) *rl_completer_word_break_characters;
    __typeof__(rl_attempted_completion_over) *rl_attempted_completion_over;
    __typeof__(rl_completion_suppress_quote) *rl_completion_suppress_quote;
    __typeof__(rl_catch_signals) *rl_catch_signals;
    __typeof__(rl_line_buffer) *rl_line_buffer;
    __typeof__(history_base) *history_base;
    __typeof__(history_length) *history_length;
} fn;
static const char *failure = "not loaded";
static char missing[96];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void) {
    void *lib = dlopen("libreadline.so.8", RTLD_NOW | RTLD_LOCAL);
    if (!lib) lib = dlopen("libreadline.so", RTLD_NOW | RTLD_LOCAL);
    if (!lib) { failure = dlerror(); return; }
#define RESOLVE(name) if (!(*(void **)&fn.name = dlsym(lib, #name))) { \
        snprintf(missing, sizeof missing, "libreadline lacks %s", #name); failure = missing; return; }
    RESOLVE(rl_callback_handler_install) RESOLVE(rl_callback_handler_remove) RESOLVE(rl_callback_read_char)
    RESOLVE(rl_callback_sigcleanup) RESOLVE(rl_cleanup_after_signal) RESOLVE(rl_free_line_state)
    RESOLVE(rl_replace_line) RESOLVE(rl_resize_terminal) RESOLVE(rl_completion_matches)
    RESOLVE(using_history) RESOLVE(stifle_history) RESOLVE(read_history) RESOLVE(write_history)
    RESOLVE(append_history) RESOLVE(history_truncate_file) RESOLVE(add_history) RESOLVE(history_get)
    RESOLVE(rl_readline_name) RESOLVE(rl_attempted_completion_function) RESOLVE(rl_completer_word_break_characters)
    RESOLVE(rl_attempted_completion_over) RESOLVE(rl_completion_suppress_quote) RESOLVE(rl_catch_signals)
    RESOLVE(rl_line_buffer) RESOLVE(history_base) RESOLVE(history_length)
#undef RESOLVE
    failure = NULL;
}

const char *govq_readline_load(void) {
    pthread_once(&once, load);
    return failure;
}

void govq_rl_callback_handler_install(const char *prompt, void (*handler)(char *)) { fn.rl_callback_handler_install(prompt, handler); }
void govq_rl_callback_handler_remove(void) { fn.rl_callback_handler_remove(); }
void govq_rl_callback_read_char(void) { fn.rl_callback_read_char(); }
void govq_rl_callback_sigcleanup(void) { fn.rl_callback_sigcleanup(); }
void govq_rl_cleanup_after_signal(void) { fn.rl_cleanup_after_signal(); }
void govq_rl_free_line_state(void) { fn.rl_free_line_state(); }
void govq_rl_replace_line(const char *text, int clear_undo) { fn.rl_replace_line(text, clear_undo); }
void govq_rl_resize_terminal(void) { fn.rl_resize_terminal(); }
char **govq_rl_completion_matches(const char *text, char *(*generator)(const char *, int)) {
    return fn.rl_completion_matches(text, generator);
}
void govq_using_history(void) { fn.using_history(); }
void govq_stifle_history(int max) { fn.stifle_history(max); }
int govq_read_history(const char *path) { return fn.read_history(path); }
int govq_write_history(const char *path) { return fn.write_history(path); }
int govq_append_history(int count, const char *path) { return fn.append_history(count, path); }
int govq_history_truncate_file(const char *path, int lines) { return fn.history_truncate_file(path, lines); }
void govq_add_history(const char *line) { fn.add_history(line); }

// Kept for the process: readline holds the pointer (inputrc's `$if govq`).
void govq_set_readline_name(const char *name) { *fn.rl_readline_name = strdup(name); }
void govq_set_completion_function(char **(*f)(const char *, int, int)) { *fn.rl_attempted_completion_function = f; }
void govq_set_word_break_characters(const char *s) { *fn.rl_completer_word_break_characters = (char *)s; }
void govq_set_completion_over(int over) { *fn.rl_attempted_completion_over = over; }
void govq_set_completion_suppress_quote(int q) { *fn.rl_completion_suppress_quote = q; }
void govq_set_catch_signals(int on) { *fn.rl_catch_signals = on; }
const char *govq_line_buffer(void) { return *fn.rl_line_buffer; }
const char *govq_last_history_line(void) {
    HIST_ENTRY *e = fn.history_get(*fn.history_base + *fn.history_length - 1);
    return e ? e->line : NULL;
}

static volatile sig_atomic_t sigint_flag = 0;
static void on_sigint(int sig) { (void)sig; sigint_flag = 1; }
int govq_take_sigint(void) { int f = sigint_flag; sigint_flag = 0; return f; }
static volatile sig_atomic_t sigwinch_flag = 0;
static void on_sigwinch(int sig) { (void)sig; sigwinch_flag = 1; }
int govq_take_sigwinch(void) { int f = sigwinch_flag; sigwinch_flag = 0; return f; }
void govq_install_signal_handlers(void) {
    struct sigaction sa;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;  // no SA_RESTART: the blocking poll must return EINTR
    sa.sa_handler = on_sigint;
    sigaction(SIGINT, &sa, NULL);
    // A resized terminal: readline re-reads the size when told (it only catches SIGWINCH itself
    // while it processes a key).
    sa.sa_handler = on_sigwinch;
    sigaction(SIGWINCH, &sa, NULL);
    // A parent may have started us with these blocked (the mask is inherited across exec).
    sigset_t wanted;
    sigemptyset(&wanted);
    sigaddset(&wanted, SIGINT);
    sigaddset(&wanted, SIGWINCH);
    pthread_sigmask(SIG_UNBLOCK, &wanted, NULL);
}
