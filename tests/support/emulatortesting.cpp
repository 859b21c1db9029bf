#include "support/emulatortesting.h"

namespace allium {

std::unique_ptr<EmulatorServer> startEmulator(const EmulatorOptions &options)
{
    auto server = std::make_unique<EmulatorServer>(options);
    if (!server->listen())
        qWarning("emulator cannot listen: %s", qPrintable(server->errorString()));
    return server;
}

} // namespace allium
