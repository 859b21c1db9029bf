// SPDX-License-Identifier: MIT
#pragma once

#include "emulator/emulatorserver.h"

#include <memory>

namespace allium {

/// Starts `server` listening on its port (0: a free one); false, with a warning naming the
/// reason, when it cannot (the test's own checks then fail).
bool listenOrWarn(EmulatorServer &server);

/// An emulator listening on a free loopback port, for tests; a warning names the reason when it
/// cannot listen (the test's own checks then fail).
std::unique_ptr<EmulatorServer> startEmulator(const EmulatorOptions &options = {});

/// Default emulator options whose only accepted API key is `key` (a test's distinctive key, so
/// that finding it in any text it must not be in cannot happen by accident).
EmulatorOptions emulatorOptionsAccepting(const QString &key);

} // namespace allium
