/* kstate.c - the kernel arena: the only mutable kernel object. */
#include "kstate.h"

struct kstate kstate;
