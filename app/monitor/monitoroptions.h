// SPDX-License-Identifier: MIT
#pragma once

#include "emulator/emulatoroptions.h"
#include "ui/mainwindowoptions.h"

#include <QString>

namespace allium {

/// Everything the composition root needs to build the monitor: where its settings and keys
/// live, how the built-in emulator runs, and how the window starts.
struct MonitorOptions
{
    QString settingsFile;    ///< empty: the user's settings (shared with allium-cli)
    bool useKeychain = true; ///< false: keys in memory only (tests, screenshots)
    EmulatorOptions emulator;
    MainWindowOptions window;
};

} // namespace allium
