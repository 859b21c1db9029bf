// SPDX-License-Identifier: MIT
#include "monitor/monitorcommandline.h"

#include "core/base/boundedfile.h"

#include "core/connection/connectionprofile.h"
#include "core/replay/replaypacer.h"
#include "core/stream/topiccatalogue.h"
#include "emulator/replaycommandline.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace allium {

namespace {

QCommandLineOption hidden(QCommandLineOption option)
{
    option.setFlags(QCommandLineOption::HiddenFromHelp);
    return option;
}

} // namespace

bool MonitorCommandLine::readFilterFile(const QString &fileName, Filter *filter, QString *error)
{
    QByteArray text;
    QString problem;
    if (!BoundedFile::read(fileName, MaxFilterFileBytes, &text, &problem)) {
        *error = QStringLiteral("--filter: %1").arg(problem);
        return false;
    }
    // A whole setFilter action is accepted too, as copied from a websocket client.
    const QJsonDocument document = QJsonDocument::fromJson(text);
    QJsonValue data;
    bool wholeAction = false;
    if (document.isObject()) {
        const QJsonObject object = document.object();
        if (object.value(QStringLiteral("action")).toString() == QStringLiteral("setFilter")) {
            data = object.value(QStringLiteral("data"));
            wholeAction = true;
        }
    }
    const FilterParseResult parsed = wholeAction ? Filter::parse(data) : Filter::parse(text);
    if (!parsed.ok()) {
        QString where = parsed.errorString();
        if (parsed.syntaxErrorOffset >= 0)
            where += QStringLiteral(" (at character %1)").arg(parsed.syntaxErrorOffset);
        *error = QStringLiteral("--filter: %1 is not a valid filter: %2")
                     .arg(QFileInfo(fileName).fileName(), where);
        return false;
    }
    *filter = parsed.filter;
    return true;
}

MonitorCommandLine::Result MonitorCommandLine::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Allium Monitor: live blockchain streams and the Developer API over "
                       "websockets. With no API key configured it runs against a built-in "
                       "emulator with synthetic data."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QCommandLineOption profile(QStringLiteral("profile"),
                                     QStringLiteral("Connect with the saved profile <name>."),
                                     QStringLiteral("name"));
    const QCommandLineOption url(QStringLiteral("url"),
                                 QStringLiteral("Connect to the base URL <url> (ws:// or wss://); "
                                                "the key comes from ALLIUM_API_KEY."),
                                 QStringLiteral("url"));
    const QCommandLineOption allowInsecure(
        QStringLiteral("allow-insecure"),
        QStringLiteral("Allow --url ws:// to a host other than this machine: the API key then "
                       "travels in clear text."));
    const QCommandLineOption topic(
        QStringLiteral("topic"),
        QStringLiteral("Open a stream of <topic>, e.g. ethereum.transactions. Repeat it to open "
                       "several streams (instead of the saved workspace)."),
        QStringLiteral("topic"));
    const QCommandLineOption filter(
        QStringLiteral("filter"),
        QStringLiteral("Apply the setFilter JSON in <file> to the stream of the --topic before "
                       "it (or, before any --topic, to the first stream)."),
        QStringLiteral("file"));
    const QCommandLineOption start(QStringLiteral("start"),
                                   QStringLiteral("Start streaming at once."));
    const QCommandLineOption rate(
        QStringLiteral("emulator-rate"),
        QStringLiteral("Messages per second of every topic of the built-in emulator."),
        QStringLiteral("rate"));
    const QCommandLineOption speed(
        QStringLiteral("speed"),
        QStringLiteral("With --replay: play at <factor> times the recorded pacing (1, 2, 10, …), "
                       "or \"max\" for as fast as possible."),
        QStringLiteral("factor"));
    const QCommandLineOption screenshot = hidden(QCommandLineOption(
        QStringLiteral("screenshot"), QStringLiteral("Grab the window into <file> and quit."),
        QStringLiteral("file")));
    const QCommandLineOption delay = hidden(
        QCommandLineOption(QStringLiteral("screenshot-delay"),
                           QStringLiteral("Milliseconds before the grab."), QStringLiteral("ms")));
    const QCommandLineOption scene = hidden(
        QCommandLineOption(QStringLiteral("scene"), QStringLiteral("What to show for the grab."),
                           QStringLiteral("name")));
    const QCommandLineOption size = hidden(QCommandLineOption(
        QStringLiteral("window-size"), QStringLiteral("Window size WxH."), QStringLiteral("size")));
    const QCommandLineOption dark =
        hidden(QCommandLineOption(QStringLiteral("dark"), QStringLiteral("Use a dark palette.")));
    for (const QCommandLineOption &option : {profile, url, allowInsecure, topic, filter, start,
                                             rate, speed, screenshot, delay, scene, size, dark})
        parser.addOption(option);
    ReplayCommandLine::addOptions(parser);

    Result result;
    const auto fail = [&result](const QString &message) {
        result.outcome = Outcome::Error;
        result.text = message;
        return result;
    };
    if (!parser.parse(arguments))
        return fail(parser.errorText());
    if (parser.isSet(help)) {
        result.outcome = Outcome::Help;
        // Without an application object yet (--help works without a display), Qt cannot
        // name the program.
        result.text = parser.helpText().replace(
            QStringLiteral("<executable_name>"),
            QFileInfo(arguments.value(0, QStringLiteral("allium-monitor"))).fileName());
        return result;
    }
    if (parser.isSet(version)) {
        result.outcome = Outcome::Version;
        result.text = QStringLiteral("%1 %2").arg(QCoreApplication::applicationName(),
                                                  QCoreApplication::applicationVersion());
        return result;
    }
    if (!parser.positionalArguments().isEmpty())
        return fail(QStringLiteral("unexpected argument \"%1\"")
                        .arg(parser.positionalArguments().constFirst()));
    if (parser.isSet(profile) && parser.isSet(url))
        return fail(QStringLiteral("--profile and --url cannot be used together"));

    if (parser.isSet(profile)) {
        result.profile = parser.value(profile).trimmed();
        if (result.profile.isEmpty())
            return fail(QStringLiteral("--profile: the name is empty"));
    }
    if (parser.isSet(url)) {
        result.url = QUrl(parser.value(url), QUrl::StrictMode);
        const QString error = ConnectionProfile::baseUrlError(result.url);
        if (!error.isEmpty())
            return fail(QStringLiteral("--url: %1").arg(error));
        result.allowInsecure = parser.isSet(allowInsecure);
        const QString transport =
            ConnectionProfile::transportError(result.url, result.allowInsecure);
        if (!transport.isEmpty())
            return fail(QStringLiteral("--url: %1 (--allow-insecure)").arg(transport));
    } else if (parser.isSet(allowInsecure)) {
        // A profile carries its own consent, given in the profile dialog.
        return fail(QStringLiteral("--allow-insecure applies to --url only"));
    }
    // Each --filter goes with the stream of the --topic before it (one filter per stream); a
    // --filter before any --topic goes with the first stream.
    const QStringList topics = parser.values(topic);
    const QStringList filters = parser.values(filter);
    if (topics.size() > MaxTopics)
        return fail(QStringLiteral("--topic: at most %1 streams").arg(MaxTopics));
    int topicsSeen = 0;
    int filtersSeen = 0;
    for (const QString &name : parser.optionNames()) {
        if (name == topic.names().constFirst()) {
            Stream stream;
            stream.topic = topics.at(topicsSeen++).trimmed();
            QString error;
            if (!TopicCatalogue::isValidTopicName(stream.topic, &error))
                return fail(QStringLiteral("--topic: %1").arg(error));
            if (result.streams.size() == 1 && result.streams.constFirst().topic.isEmpty())
                result.streams.first().topic = stream.topic; // a --filter came first
            else
                result.streams.append(stream);
        } else if (name == filter.names().constFirst()) {
            const QString fileName = filters.at(filtersSeen++);
            if (result.streams.isEmpty())
                result.streams.append(Stream());
            Stream &stream = result.streams.last();
            if (stream.hasFilter)
                return fail(QStringLiteral("--filter: one filter per stream; give another --topic "
                                           "before \"%1\"")
                                .arg(fileName));
            QString error;
            if (!readFilterFile(fileName, &stream.filter, &error))
                return fail(error);
            stream.filterFile = fileName;
            stream.hasFilter = true;
        }
    }
    if (!result.streams.isEmpty()) {
        const Stream &first = result.streams.constFirst();
        result.topic = first.topic;
        result.filterFile = first.filterFile;
        result.hasFilter = first.hasFilter;
        result.filter = first.filter;
    }
    result.start = parser.isSet(start);
    if (parser.isSet(rate)) {
        bool ok = false;
        result.emulatorRate = parser.value(rate).toDouble(&ok);
        if (!ok || !(result.emulatorRate > 0) || result.emulatorRate > 1e6)
            return fail(QStringLiteral("--emulator-rate: expected a number from 0 to 1000000 "
                                       "(exclusive of 0), got \"%1\"")
                            .arg(parser.value(rate)));
    }
    if (QString problem; !ReplayCommandLine::read(parser, &result.replay, &problem))
        return fail(problem);
    if (parser.isSet(speed)) {
        if (result.replay.path.isEmpty())
            return fail(QStringLiteral("--speed needs --replay FILE"));
        const QString value = parser.value(speed).trimmed();
        const bool asFastAsPossible = value.compare(QLatin1String("max"), Qt::CaseInsensitive) == 0;
        bool ok = false;
        result.replaySpeed = asFastAsPossible ? ReplayPacer::AsFastAsPossible : value.toDouble(&ok);
        if (!asFastAsPossible &&
            (!ok || !(result.replaySpeed >= 0.01) || result.replaySpeed > 1000))
            return fail(QStringLiteral("--speed: expected a factor from 0.01 to 1000, or \"max\", "
                                       "got \"%1\"")
                            .arg(value));
    }
    result.screenshotFile = parser.value(screenshot);
    if (parser.isSet(delay)) {
        bool ok = false;
        result.screenshotDelayMs = parser.value(delay).toInt(&ok);
        if (!ok || result.screenshotDelayMs < 0 || result.screenshotDelayMs > 600000)
            return fail(QStringLiteral("--screenshot-delay: expected milliseconds, got \"%1\"")
                            .arg(parser.value(delay)));
    }
    result.screenshotScene = parser.value(scene);
    if (parser.isSet(size)) {
        static const QRegularExpression pattern(QStringLiteral("^(\\d{3,4})x(\\d{3,4})$"));
        const QRegularExpressionMatch match = pattern.match(parser.value(size));
        if (!match.hasMatch())
            return fail(QStringLiteral("--window-size: expected WIDTHxHEIGHT, got \"%1\"")
                            .arg(parser.value(size)));
        result.windowSize = QSize(match.captured(1).toInt(), match.captured(2).toInt());
    }
    result.dark = parser.isSet(dark);
    result.outcome = Outcome::Run;
    return result;
}

} // namespace allium
