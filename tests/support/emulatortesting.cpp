// SPDX-License-Identifier: MIT
#include "support/emulatortesting.h"

namespace allium {

bool listenOrWarn(EmulatorServer &server)
{
    if (server.listen())
        return true;
    qWarning("emulator cannot listen: %s", qPrintable(server.errorString()));
    return false;
}

std::unique_ptr<EmulatorServer> startEmulator(const EmulatorOptions &options)
{
    auto server = std::make_unique<EmulatorServer>(options);
    listenOrWarn(*server);
    return server;
}

EmulatorOptions emulatorOptionsAccepting(const QString &key)
{
    EmulatorOptions options;
    options.keys = {key};
    return options;
}

} // namespace allium
