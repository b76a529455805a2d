#include "GovqArguments.h"
#include <fcntl.h>
#include <stddef.h>
#include <stdlib.h>
#include <unistd.h>

static char *noArguments[] = { NULL };
static char **arguments = noArguments;
static int argumentCount = 0;
// What _swift_stdlib_overrideUnsafeArgvArgc sets (the runtime's JIT uses it): wins when set.
static char **overrideArguments = NULL;
static int overrideCount = 0;

static void capture(int argc, char **argv, char **envp) {
    (void)envp;
    if (argv) {
        arguments = argv;
        argumentCount = argc;
    }
}

// First in line: a constructor that runs Swift code and reads CommandLine gets the arguments too.
__attribute__((used, section(".init_array.00101")))
static void (*const captureAtStart)(int, char **, char **) = capture;

char **govq_cmdline_arguments(int *count) {
    *count = 0;
    int fd = open("/proc/self/cmdline", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return noArguments;
    size_t size = 0, room = 4096;
    char *text = malloc(room);
    for (;;) {
        if (!text) { close(fd); return noArguments; }
        ssize_t got = read(fd, text + size, room - size - 1);
        if (got <= 0) break;
        size += (size_t)got;
        if (size + 1 == room) text = realloc(text, room *= 2);
    }
    close(fd);
    text[size] = 0;
    int n = 0;
    for (size_t i = 0; i < size; i++) if (text[i] == 0) n++;
    if (size > 0 && text[size - 1] != 0) n++;   // a last argument without its NUL
    char **argv = malloc(sizeof(char *) * (size_t)(n + 1));
    if (!argv) { free(text); return noArguments; }
    int k = 0;
    for (size_t i = 0; i < size && k < n; k++) {
        argv[k] = text + i;
        while (i < size && text[i]) i++;
        i++;
    }
    argv[n] = NULL;
    *count = n;
    return argv;   // kept for the life of the process, as argv is
}

char **govq_start_arguments(int *count) {
    // A loader that calls .init_array functions without arguments (not glibc's): the kernel's copy.
    if (argumentCount == 0) {
        arguments = govq_cmdline_arguments(&argumentCount);
    }
    *count = argumentCount;
    return arguments;
}

// The runtime's declarations (swift/shims/RuntimeStubs.h), in Swift's calling convention.
__attribute__((swiftcall)) char **_swift_stdlib_getUnsafeArgvArgc(int *outArgLen);
__attribute__((swiftcall)) void _swift_stdlib_overrideUnsafeArgvArgc(char **argv, int argc);

__attribute__((swiftcall)) char **_swift_stdlib_getUnsafeArgvArgc(int *outArgLen) {
    if (overrideArguments) {
        *outArgLen = overrideCount;
        return overrideArguments;
    }
    return govq_start_arguments(outArgLen);
}

__attribute__((swiftcall)) void _swift_stdlib_overrideUnsafeArgvArgc(char **argv, int argc) {
    overrideArguments = argv;
    overrideCount = argc;
}
