// govq's command line for Swift's CommandLine.arguments, taken where the C runtime hands it over.
//
// The Swift runtime finds argv on Linux with a C++ static constructor that reads
// /proc/self/maps to find the stack and walks back from `environ` (stdlib's CommandLine.cpp):
// about 0.13 M instructions and a file read at every start, a tenth of a small query's whole
// cost. glibc calls a program's .init_array functions with (argc, argv, envp), so this target
// keeps those and defines the runtime's two entry points itself; the linker then takes no
// CommandLine.cpp.o from libswiftCore.a, and its constructor never runs. With the stdlib as a
// shared library (debug builds, tests) the runtime keeps its own, and nothing changes.
#ifndef GOVQ_ARGUMENTS_H
#define GOVQ_ARGUMENTS_H
/// The arguments glibc passed at start, NULL-terminated, and their number in *count (none: an
/// empty list). What CommandLine.arguments reads in a release build.
char **govq_start_arguments(int *count);
/// The arguments as the kernel keeps them (/proc/self/cmdline): what govq_start_arguments gives
/// when the loader handed none to .init_array. NULL-terminated; none if it cannot be read.
char **govq_cmdline_arguments(int *count);
#endif
