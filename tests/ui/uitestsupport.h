#pragma once

// Helpers shared by the widget tests (header-only: tests/support links no Gui).

#include "core/stream/streamsession.h"
#include "emulator/emulatorserver.h"

#include <QColor>
#include <QPalette>
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

/// A dark palette like the application's dark mode.
inline QPalette darkPalette()
{
    QPalette palette;
    palette.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    palette.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
    palette.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    palette.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
    palette.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
    palette.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
    palette.setColor(QPalette::ButtonText, QColor(0xe0, 0xe0, 0xe0));
    palette.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    return palette;
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
