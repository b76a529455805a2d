// GNU readline for govq's REPL, loaded with dlopen when the REPL starts: a query run never
// maps it (linked directly, its ~1,200 symbol relocations and libtinfo's were about 40% of
// the dynamic loader's lookups at every start). Call govq_readline_load first: it returns NULL
// once every function below is resolved, else why readline cannot be used. Swift 6 rejects
// direct use of mutable C globals ("not concurrency-safe"), so readline's globals go through
// accessors too. Only GovqREPL's ReadlineLineReader imports this module.
#ifndef GOVQ_READLINE_H
#define GOVQ_READLINE_H

/// NULL when readline is loaded, else a message saying why not (dlerror's, or a missing symbol).
const char *govq_readline_load(void);

// Functions (readline's names with the govq_ prefix).
void govq_rl_callback_handler_install(const char *prompt, void (*handler)(char *));
void govq_rl_callback_handler_remove(void);
void govq_rl_callback_read_char(void);
void govq_rl_callback_sigcleanup(void);
void govq_rl_cleanup_after_signal(void);
void govq_rl_free_line_state(void);
void govq_rl_replace_line(const char *text, int clear_undo);
void govq_rl_resize_terminal(void);
char **govq_rl_completion_matches(const char *text, char *(*generator)(const char *, int));
void govq_using_history(void);
void govq_stifle_history(int max);
int govq_read_history(const char *path);
int govq_write_history(const char *path);
int govq_append_history(int count, const char *path);
int govq_history_truncate_file(const char *path, int lines);
void govq_add_history(const char *line);

// Globals.
void govq_set_readline_name(const char *name);
void govq_set_completion_function(char **(*f)(const char *, int, int));
void govq_set_word_break_characters(const char *s);
void govq_set_completion_over(int over);
void govq_set_completion_suppress_quote(int q);
void govq_set_catch_signals(int on);
const char *govq_line_buffer(void);
/// The text of the most recent history entry, or NULL.
const char *govq_last_history_line(void);

// Signals: readline must not take SIGINT itself; govq's handler sets a flag, which interrupts
// poll(2) in the callback loop, and the REPL then abandons the line (Python's readline does the same).
void govq_install_signal_handlers(void);
int govq_take_sigint(void);
int govq_take_sigwinch(void);

#endif
