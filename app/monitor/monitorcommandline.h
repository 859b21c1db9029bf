// SPDX-License-Identifier: MIT
#pragma once

#include "core/filter/filter.h"

#include "emulator/emulatoroptions.h"
#include <QSize>

#include <QString>
#include <QStringList>
#include <QUrl>
#include <QVector>

namespace allium {

/// allium-monitor's command line: which profile or URL to use, the topic, a filter file and
/// whether to start streaming at once. Parsing only (the filter file is read and validated
/// here too), so it is testable without widgets; printing and exiting are main()'s business.
class MonitorCommandLine
{
public:
    enum class Outcome { Run, Help, Version, Error };

    /// The exit code for any command line error (a bad option, an invalid filter file).
    static constexpr int UsageExitCode = 2;
    /// A filter file larger than this is refused before it is read.
    static constexpr qint64 MaxFilterFileBytes = 4 * 1024 * 1024;

    /// At most this many --topic options (the workspace's limit).
    static constexpr int MaxTopics = 32;

    /// A stream asked for: a --topic and the --filter that follows it.
    struct Stream
    {
        QString topic;      ///< empty: the last topic (a --filter without any --topic)
        QString filterFile; ///< the --filter file it came from
        bool hasFilter = false;
        Filter filter;
    };

    struct Result
    {
        Outcome outcome = Outcome::Error;
        QString profile;            ///< --profile: a saved profile's name
        QUrl url;                   ///< --url: a base URL (ws:// or wss://), overrides profiles
        bool allowInsecure = false; ///< --allow-insecure: ws:// to another machine is allowed
        /// Every --topic in order, each with the --filter given after it (before the next
        /// --topic); a --filter before any --topic goes with the first.
        QVector<Stream> streams;
        QString topic;           ///< the first --topic
        QString filterFile;      ///< the first stream's --filter: the file it came from
        bool hasFilter = false;  ///< the first stream has a --filter, and it is valid
        Filter filter;           ///< its filter (may be empty: `{}` clears)
        bool start = false;      ///< --start: start streaming without waiting for the user
        double emulatorRate = 0; ///< --emulator-rate: messages/s per topic of the embedded one
        /// --replay FILE [--loop]: the embedded emulator serves the recording on its topic, and
        /// the window opens that one stream on it, started.
        EmulatorOptions::Replay replay;
        /// --speed with --replay: a factor of the recorded pacing, or
        /// ReplayPacer::AsFastAsPossible (0) for "max".
        double replaySpeed = 1;
        // Hidden options, for README screenshots and demos.
        QString screenshotFile; ///< --screenshot: grab the window into this PNG and quit
        int screenshotDelayMs = 4000;
        QString screenshotScene; ///< --scene: stream, filter, charts, console, events, profiles,
                                 ///< workspace
        QSize windowSize;        ///< --window-size WxH
        bool dark = false;       ///< --dark: a dark palette
        QString text;            ///< the help text, the version, or the error message
    };

    /// `arguments` as QCoreApplication::arguments() gives them (program name first).
    static Result parse(const QStringList &arguments);

    /// Reads a filter file: either the filter itself (the `data` of setFilter) or a whole
    /// `{"action":"setFilter","data":…}` message. False with a one-line `error` otherwise.
    static bool readFilterFile(const QString &fileName, Filter *filter, QString *error);
};

} // namespace allium
