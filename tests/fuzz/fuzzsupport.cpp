// SPDX-License-Identifier: MIT
#include "fuzzsupport.h"

// libFuzzer calls this once, before the first input; every target needs the application.
extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    allium::fuzz::ensureApplication();
    return 0;
}
