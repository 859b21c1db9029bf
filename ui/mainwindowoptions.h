// SPDX-License-Identifier: MIT
#pragma once

#include "core/connection/connectionoptions.h"
#include "core/filter/filter.h"

#include <QList>
#include <QSslCertificate>
#include <QString>
#include <QUrl>
#include <QVector>

namespace allium {

/// How a MainWindow starts: what to connect to, and what the command line asked for (topic,
/// filter, start). Tests point it at an emulator on port 0.
struct MainWindowOptions
{
    QString profile; ///< a saved profile's name; empty: the default profile
    QUrl baseUrl;    ///< set: connect here instead of any profile
    QString apiKey;  ///< the key for baseUrl (never shown, never stored)
    /// --allow-insecure: baseUrl may be ws:// to another machine (the window then warns).
    bool allowInsecure = false;
    /// Reconnect and heartbeat options for the emulator and baseUrl (profiles have their own).
    ConnectionOptions connection;
    /// A stream the command line asks for (--topic, with the --filter that follows it).
    struct Stream
    {
        QString topic; ///< empty: the last topic, else ethereum.transactions
        bool hasFilter = false;
        Filter filter;
    };
    /// The streams to open instead of the saved workspace; empty: the saved workspace (or, when
    /// `topic` or `hasFilter` is set, the one stream they describe).
    QVector<Stream> streams;
    QString topic; ///< one stream's topic (a shorthand for `streams`)
    bool hasFilter = false;
    Filter filter;
    bool start = false;          ///< start streaming once connected
    bool restoreSettings = true; ///< false: ignore the saved layout, topic and filter
    /// --replay FILE [--loop]: the recording, opened as the only stream (instead of the saved
    /// workspace or `streams`), played at once.
    QString replayFile;
    bool replayLoop = false;
    double replaySpeed = 1; ///< --speed: a factor, or ReplayPacer::AsFastAsPossible
};

} // namespace allium
