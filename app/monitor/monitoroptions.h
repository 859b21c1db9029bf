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
    /// The built-in emulator runs in this process and is reached over loopback, so it declines
    /// permessage-deflate: compressing would cost a relay thread and the client's inflate about
    /// a third of an idle monitor's CPU to save bytes that never leave the machine.
    EmulatorOptions emulator = [] {
        EmulatorOptions embedded;
        embedded.deflate = false;
        return embedded;
    }();
    MainWindowOptions window;
};

} // namespace allium
