#include "GovqArguments.h"
#include <stddef.h>

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

char **govq_start_arguments(int *count) {
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
