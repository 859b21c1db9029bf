// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>

class QSocketNotifier;

namespace allium {

/// Turns SIGINT and SIGTERM into a Qt signal delivered by the event loop (self-pipe), so the
/// CLI can print its summary and exit cleanly. One instance per process.
class SignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

signals:
    void signalReceived(int signalNumber);

private:
    void handleActivated();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace allium
