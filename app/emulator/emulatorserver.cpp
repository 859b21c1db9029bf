#include "emulatorserver.h"
