// SPDX-License-Identifier: MIT
#pragma once

#include "emulator/emulatoroptions.h"

class QCommandLineParser;

namespace allium {

/// allium-emulator's --replay FILE and --loop: a recording served on its topic's stream endpoint
/// (paced by --speed). The file is checked here, so that a bad one fails at startup.
class ReplayCommandLine
{
public:
    static void addOptions(QCommandLineParser &parser);
    /// False with `error` set for a bad value or a file that is not a readable recording.
    static bool read(const QCommandLineParser &parser, EmulatorOptions::Replay *replay,
                     QString *error);
};

} // namespace allium
