// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace allium {

class MainWindow;
class MonitorComposition;

/// The hidden --screenshot mode: sets up a named scene (stream, filter, charts, console,
/// events, profiles), grabs the screen after a delay, writes the PNG and quits. Used to make
/// the README screenshots from the real application.
class ScreenshotScene
{
public:
    static void schedule(MonitorComposition *monitor, const QString &scene, const QString &fileName,
                         int delayMs);

private:
    static void prepare(MonitorComposition *monitor, const QString &scene);
    static void grab(MainWindow *window, const QString &fileName);
};

} // namespace allium
