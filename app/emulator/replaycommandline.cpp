// SPDX-License-Identifier: MIT
#include "emulator/replaycommandline.h"

#include "core/record/recordingreader.h"

#include <QCommandLineParser>

namespace allium {

void ReplayCommandLine::addOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {QStringLiteral("replay"),
         QStringLiteral("Serve the recording FILE (made with --record or the app) on its topic's "
                        "stream endpoint, with its original pacing (times --speed; a very high "
                        "speed sends as fast as the client reads); start, stop and setFilter "
                        "apply as on live data. Other topics stay synthetic."),
         QStringLiteral("FILE")},
        {QStringLiteral("loop"),
         QStringLiteral("With --replay: start the recording over when it ends.")},
    });
}

bool ReplayCommandLine::read(const QCommandLineParser &parser, EmulatorOptions::Replay *replay,
                             QString *error)
{
    const bool set = parser.isSet(QStringLiteral("replay"));
    if (!set && parser.isSet(QStringLiteral("loop"))) {
        *error = QStringLiteral("--loop needs --replay FILE");
        return false;
    }
    if (!set)
        return true;
    replay->loop = parser.isSet(QStringLiteral("loop"));
    replay->path = parser.value(QStringLiteral("replay"));
    RecordingReader reader;
    if (!reader.open(replay->path, RecordingReader::Indexing::None)) {
        *error = QStringLiteral("--replay %1: %2").arg(replay->path, reader.errorString());
        return false;
    }
    replay->topic = reader.header().topic;
    return true;
}

} // namespace allium
