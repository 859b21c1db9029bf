// SPDX-License-Identifier: MIT
#pragma once

// Helpers shared by the widget tests (header-only: tests/support links no Gui).

#include "core/stream/streamsession.h"
#include "emulator/emulatorserver.h"
#include "monitor/monitorcomposition.h"
#include "monitor/monitoroptions.h"
#include "ui/mainwindow.h"

#include <QColor>
#include <QCoreApplication>
#include <QEvent>
#include <QHash>
#include <QSize>
#include <QStandardPaths>
#include <QString>
#include <QTemporaryDir>
#include <QWidget>

#include <algorithm>
#include <cmath>
#include <memory>

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

/// Options for a monitor that leaves no trace: its settings file in `dir`, keys in memory only,
/// no window state restored.
inline MonitorOptions isolatedMonitorOptions(const QTemporaryDir &dir)
{
    MonitorOptions options;
    options.settingsFile = dir.filePath(QStringLiteral("settings.ini"));
    options.useKeychain = false;
    options.window.restoreSettings = false;
    return options;
}

/// A whole monitor as isolatedMonitorOptions() makes it, its emulator sending `rate` messages
/// per second on every topic, its window shown at `size`; null when `dir` is unusable.
inline std::unique_ptr<MonitorComposition> showIsolatedMonitor(const QTemporaryDir &dir,
                                                               double rate, QSize size)
{
    QStandardPaths::setTestModeEnabled(true);
    if (!dir.isValid())
        return nullptr;
    MonitorOptions options = isolatedMonitorOptions(dir);
    options.emulator.rate = rate;
    auto monitor = std::make_unique<MonitorComposition>(options);
    monitor->window()->resize(size);
    monitor->window()->show();
    return monitor;
}

/// The relative luminance of `color` (WCAG 2), 0 for black to 1 for white.
inline double luminance(const QColor &color)
{
    const auto channel = [](double c) {
        return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) +
           0.0722 * channel(color.blueF());
}

/// The WCAG contrast ratio of two colours: 1 (none) to 21 (black on white); text wants 4.5.
inline double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

/// Counts the events of one type that reach the objects it watches (paints, layout requests).
class EventCounter : public QObject
{
public:
    explicit EventCounter(QEvent::Type type)
        : m_type(type)
    {}
    void watch(QObject *object) { object->installEventFilter(this); }
    int count(QObject *object) const { return m_counts.value(object); }
    void reset() { m_counts.clear(); }
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == m_type)
            ++m_counts[watched];
        return false;
    }

private:
    QEvent::Type m_type;
    QHash<QObject *, int> m_counts;
};

/// Delivers what the updates so far posted: layout requests, then the repaint they cause.
inline void deliverPostedEvents()
{
    for (int i = 0; i < 3; ++i) {
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
    }
}

} // namespace allium::uitest
