// SPDX-License-Identifier: MIT
// Emulator costs: per topic, the CPU time of one generated message (next(), serialisation, a
// filter match, and the stream's own path); per API endpoint, the CPU time of one answer; and the
// rate one local QWebSocket client receives from an embedded emulator at --rate 20000.
// Times are this thread's CPU time, so a busy machine distorts them less than wall-clock time.

#include "core/api/apiendpointcatalogue.h"
#include "core/connection/connectionprofile.h"
#include "core/filter/filter.h"
#include "emulator/apiresponder.h"
#include "emulator/embeddedemulator.h"
#include "emulator/generators/topicgenerator.h"
#include "emulator/messagewriter.h"
#include "support/processcputime.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrlQuery>
#include <QWebSocket>

#include <cstdio>
#include <ctime>
#include <sys/resource.h>

using namespace allium;

namespace {

double threadCpuMicroseconds()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e6 + double(now.tv_nsec) / 1e3;
}

double processCpuMicroseconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e6 +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
}

// CPU µs used so far by this process's thread named `name` (QThread names the OS thread), or -1.
double namedThreadCpuMicroseconds(const QByteArray &name)
{
    const QDir tasks(QStringLiteral("/proc/self/task"));
    for (const QString &tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(tasks.filePath(tid + QStringLiteral("/comm")));
        if (!comm.open(QIODevice::ReadOnly) || comm.readAll().trimmed() != name)
            continue;
        return statCpuMicroseconds(tasks.filePath(tid + QStringLiteral("/stat")));
    }
    return -1;
}

// Mean CPU µs of `body` over `count` calls.
template <typename Body>
double perCall(int count, Body body)
{
    const double start = threadCpuMicroseconds();
    for (int i = 0; i < count; ++i)
        body(i);
    return (threadCpuMicroseconds() - start) / count;
}

// A filter on a field each topic has, the kind a user sets first.
Filter filterFor(const QString &topic)
{
    QString field = QStringLiteral("block_number");
    QJsonValue value = 0;
    if (topic.startsWith(QLatin1String("hyperliquid"))) {
        field = QStringLiteral("payload.coin");
        value = QStringLiteral("BTC");
    } else if (topic.endsWith(QLatin1String(".blocks"))) {
        field = QStringLiteral("number");
    } else if (topic == QLatin1String("solana.transactions")) {
        field = QStringLiteral("is_voting");
        value = false;
    }
    return Filter::condition(
        field, value.isDouble() ? Filter::Operator::Greater : Filter::Operator::Equal, value);
}

void benchTopics(const QStringList &only)
{
    std::printf("\n== generators: CPU µs per message ==\n");
    std::printf("next(): the whole QJsonObject; toJson: QJsonDocument compact of it; filter: one\n"
                "condition on an object; stream: writeNext() text as StreamConnection sends it,\n"
                "without and with that filter (an object of the filtered member only)\n");
    std::printf("%-24s %8s %8s %8s %8s %11s %7s\n", "topic", "next()", "toJson", "filter", "stream",
                "stream+flt", "bytes");
    for (const QString &topic : TopicGenerator::topics()) {
        if (!only.isEmpty() && !only.contains(topic))
            continue;
        const int count = topic.endsWith(QLatin1String(".blocks")) ? 2000 : 20000;
        auto generator = TopicGenerator::create(topic, 1);
        std::vector<QJsonObject> messages;
        messages.reserve(size_t(count));
        const double next = perCall(count, [&](int) { messages.push_back(generator->next()); });
        qint64 bytes = 0;
        const double serialize = perCall(count, [&](int i) {
            bytes += QJsonDocument(messages[size_t(i)]).toJson(QJsonDocument::Compact).size();
        });
        const Filter filter = filterFor(topic);
        int matched = 0;
        const double match =
            perCall(count, [&](int i) { matched += filter.matches(messages[size_t(i)]) ? 1 : 0; });
        // The stream's path as StreamConnection takes it: write, (filter,) take the text.
        MessageWriter writer;
        auto plain = TopicGenerator::create(topic, 2);
        qint64 sink = 0;
        const double stream = perCall(count, [&](int) {
            writer.reset(MessageWriter::ObjectMode::None);
            plain->writeNext(writer);
            sink += writer.takeText().size();
        });
        auto filtered = TopicGenerator::create(topic, 3);
        writer.setSelectedPaths(filter.fieldPaths());
        const double streamFiltered = perCall(count, [&](int) {
            writer.reset(MessageWriter::ObjectMode::Selected);
            filtered->writeNext(writer);
            if (filter.matches(writer.object()))
                sink += writer.takeText().size();
        });
        std::printf("%-24s %8.2f %8.2f %8.2f %8.2f %11.2f %7lld\n", qPrintable(topic), next,
                    serialize, match, stream, streamFiltered,
                    static_cast<long long>(bytes / count));
        Q_UNUSED(sink)
        Q_UNUSED(matched)
    }
}

void benchApi()
{
    struct Request
    {
        const char *name;
        QString method;
        QString path;
        QJsonValue body;
    };
    const QString base = QStringLiteral("/api/v1/developer");
    QJsonArray prices;
    for (const char *address : {"0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48",
                                "0xdac17f958d2ee523a2206206994597c13d831ec7",
                                "0x1111111111111111111111111111111111111111"}) {
        prices.append(QJsonObject{{QStringLiteral("token_address"), QLatin1String(address)},
                                  {QStringLiteral("chain"), QStringLiteral("ethereum")}});
    }
    const QJsonArray wallets{QJsonObject{
        {QStringLiteral("chain"), QStringLiteral("ethereum")},
        {QStringLiteral("address"), QStringLiteral("0x28c6c06298d514db089934071355e5743bf21d60")}}};
    const QString user = QStringLiteral("0x28c6c06298d514db089934071355e5743bf21d60");
    const QString hl = base + QStringLiteral("/trading/hyperliquid/info");
    QList<Request> requests{
        {"assets limit=1", QStringLiteral("GET"), base + QStringLiteral("/assets?limit=1"), {}},
        {"assets limit=100", QStringLiteral("GET"), base + QStringLiteral("/assets"), {}},
        {"assets base, page 2",
         QStringLiteral("GET"),
         base + QStringLiteral("/assets?blockchain=base&limit=50&cursor=b2Zmc2V0OjUw"),
         {}},
        {"tokens (50 by volume)", QStringLiteral("GET"), base + QStringLiteral("/tokens"), {}},
        {"tokens limit=1", QStringLiteral("GET"), base + QStringLiteral("/tokens?limit=1"), {}},
        {"tokens solana by name",
         QStringLiteral("GET"),
         base + QStringLiteral("/tokens?chain=solana&sort=name&order=asc&limit=200"),
         {}},
        {"prices (3)", QStringLiteral("POST"), base + QStringLiteral("/prices"), prices},
        {"wallet balances (1)", QStringLiteral("POST"), base + QStringLiteral("/wallet/balances"),
         wallets},
        {"hl fills userFills", QStringLiteral("POST"), hl + QStringLiteral("/fills"),
         QJsonObject{{QStringLiteral("type"), QStringLiteral("userFills")},
                     {QStringLiteral("user"), user}}},
        {"hl fills byTime 1 day", QStringLiteral("POST"), hl + QStringLiteral("/fills"),
         QJsonObject{{QStringLiteral("type"), QStringLiteral("userFillsByTime")},
                     {QStringLiteral("user"), user},
                     {QStringLiteral("startTime"), 1795723200000.0},
                     {QStringLiteral("endTime"), 1795809600000.0}}},
        {"hl twap slice fills", QStringLiteral("POST"), hl + QStringLiteral("/fills"),
         QJsonObject{{QStringLiteral("type"), QStringLiteral("userTwapSliceFills")},
                     {QStringLiteral("user"), user}}},
        {"hl allMids", QStringLiteral("POST"), hl,
         QJsonObject{{QStringLiteral("type"), QStringLiteral("allMids")}}},
        {"hl clearinghouseState", QStringLiteral("POST"), hl,
         QJsonObject{{QStringLiteral("type"), QStringLiteral("clearinghouseState")},
                     {QStringLiteral("user"), user}}},
    };
    // Every catalogue endpoint's own example (issue 14's explorer endpoints among them).
    QList<QByteArray> exampleNames;
    for (const ApiEndpoint &e : ApiEndpointCatalogue::endpoints())
        exampleNames.append("ex " + e.path.section(QLatin1Char('/'), -2).toLatin1());
    for (qsizetype i = 0; i < exampleNames.size(); ++i) {
        const ApiEndpoint &e = ApiEndpointCatalogue::endpoints().at(i);
        requests.append({exampleNames.at(i).constData(), e.method, e.path, e.exampleBody});
    }
    std::printf("\n== API responder: CPU µs per request ==\n");
    std::printf("text: respondText(), what the API connection sends (first call of a seed, then\n"
                "repeated); value: respond(), the QJsonValue tests read\n");
    std::printf("%-24s %10s %10s %10s %7s %9s\n", "request", "text 1st", "text", "value", "items",
                "bytes");
    const ApiResponder responder(1);
    for (const Request &r : requests) {
        ApiResponder::TextResult text;
        const double first =
            perCall(1, [&](int) { text = responder.respondText(r.method, r.path, r.body); });
        const int repeats = first > 20000 ? 3 : (first > 1000 ? 20 : 200);
        const double repeated =
            perCall(repeats, [&](int) { text = responder.respondText(r.method, r.path, r.body); });
        ApiResponder::Result result;
        const double value =
            perCall(repeats, [&](int) { result = responder.respond(r.method, r.path, r.body); });
        const QJsonValue data = result.data;
        const qsizetype items =
            data.isArray() ? data.toArray().size()
                           : data.toObject().value(QStringLiteral("items")).toArray().size();
        std::printf("%-24s %10.1f %10.1f %10.1f %7lld %9lld%s\n", r.name, first, repeated, value,
                    static_cast<long long>(items), static_cast<long long>(text.data.size()),
                    result.ok && text.ok ? "" : "  FAILED");
    }
}

// One QWebSocket client in this thread, the emulator on its own (as the GUI embeds it).
void benchRate(const QString &topic, double rate, int seconds)
{
    EmulatorOptions options;
    options.rate = rate;
    EmbeddedEmulator emulator(options);
    if (!emulator.start()) {
        std::printf("emulator failed: %s\n", qPrintable(emulator.errorString()));
        return;
    }
    const QUrl url = ConnectionProfile::streamUrl(emulator.baseUrl(), topic);
    QWebSocket socket;
    QEventLoop loop;
    QElapsedTimer clock;
    qint64 received = 0;
    qint64 bytes = 0;
    double cpuStart = 0;
    double cpu = 0;
    double emulatorCpuStart = 0;
    double emulatorCpu = 0;
    qint64 elapsed = 0;
    QTimer done;
    done.setSingleShot(true);
    QObject::connect(&done, &QTimer::timeout, &loop, [&] {
        elapsed = clock.elapsed();
        cpu = processCpuMicroseconds() - cpuStart;
        emulatorCpu = namedThreadCpuMicroseconds("allium-emulator") - emulatorCpuStart;
        loop.quit();
    });
    QObject::connect(&socket, &QWebSocket::connected, &loop, [&] {
        socket.sendTextMessage(QStringLiteral(R"({"action":"start"})"));
        clock.start();
        cpuStart = processCpuMicroseconds();
        emulatorCpuStart = namedThreadCpuMicroseconds("allium-emulator");
        done.start(seconds * 1000);
    });
    QObject::connect(&socket, &QWebSocket::textMessageReceived, &loop, [&](const QString &text) {
        ++received;
        bytes += text.size();
    });
    QTimer::singleShot(seconds * 1000 + 10000, &loop, &QEventLoop::quit);
    QNetworkRequest request(url);
    request.setRawHeader(QByteArrayLiteral("X-API-KEY"), EmulatorDemoKey.toUtf8());
    socket.open(request);
    loop.exec();
    socket.abort();
    emulator.stop();
    const double perSecond = elapsed > 0 ? received * 1000.0 / double(elapsed) : 0;
    // The emulator thread's share of one core (it also writes to the socket).
    const double emulatorShare = elapsed > 0 ? emulatorCpu / (double(elapsed) * 1e3) : 0;
    std::printf("%-24s %8.0f %10lld %10.0f %7.1f %13.2f %10.1f%%\n", qPrintable(topic), rate,
                static_cast<long long>(received), perSecond,
                received ? double(bytes) / double(received) : 0.0,
                received ? cpu / double(received) : 0.0, emulatorShare * 100);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    // Arguments: any of topics, api, rate (default: all three); topic names narrow "topics".
    QStringList only;
    for (const QString &arg : args.mid(1)) {
        if (arg.contains(QLatin1Char('.')))
            only.append(arg);
    }
    const bool all = args.size() - only.size() < 2;
    if (all || args.contains(QStringLiteral("topics")))
        benchTopics(only);
    if (all || args.contains(QStringLiteral("api")))
        benchApi();
    if (all || args.contains(QStringLiteral("rate"))) {
        std::printf("\n== stream rate: one local client, 2 s ==\n");
        std::printf("process: CPU of the whole process (client included) per message received;\n"
                    "emulator thread: its CPU share of one core (generation and socket writes)\n");
        std::printf("%-24s %8s %10s %10s %7s %13s %11s\n", "topic", "--rate", "received", "msgs/s",
                    "bytes", "process µs", "emu thread");
        benchRate(QStringLiteral("ethereum.transactions"), 20000, 2);
        benchRate(QStringLiteral("hyperliquid.trades"), 20000, 2);
    }
    return 0;
}
