// readline.h uses FILE without including <stdio.h>; include it first.
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>
