// SPDX-License-Identifier: MIT
#pragma once

// Helpers shared by the widget tests (header-only: tests/support links no Gui).

#include "core/stream/streamsession.h"
#include "emulator/emulatorserver.h"

#include <QString>
#include <QWidget>

namespace allium::uitest {

/// Set ALLIUM_SCREENSHOT_DIR to look at the widgets as a user would (PNGs, never committed).
inline void saveScreenshot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("ALLIUM_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        widget->grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
}

/// Points `session` at `topic` on `server` with `key`, and sets the backoff base.
inline void configureSession(StreamSession &session, const EmulatorServer &server,
                             const QString &topic, const QString &key, int backoffBaseMs = 1000)
{
    session.setUrl(server.streamUrl(topic));
    session.setApiKey(key);
    ConnectionOptions options;
    options.backoffBaseMs = backoffBaseMs;
    session.setConnectionOptions(options);
}

} // namespace allium::uitest
