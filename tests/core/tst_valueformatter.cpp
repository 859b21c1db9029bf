#include "valueformatter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace allium;

namespace {

// Display in US English and a fixed zone two hours east of UTC, so rows read the same anywhere.
ValueFormatter testFormatter()
{
    return ValueFormatter(QLocale(QLocale::English, QLocale::UnitedStates),
                          QTimeZone(QByteArrayLiteral("UTC+02:00")));
}

// The JSON value of a literal: `"text"`, 12, true, null, {…}.
QJsonValue json(const char *literal)
{
    const QJsonDocument document =
            QJsonDocument::fromJson(QByteArray("[") + literal + QByteArray("]"));
    return document.array().at(0);
}

} // namespace

class TestValueFormatter : public QObject
{
    Q_OBJECT

private slots:
    // Each field shows by its name and type: ETH, gwei, local time, elided hashes, separators.
    void display_data();
    void display();
    // Wei amounts convert exactly, however large, with the documented rounding.
    void weiToEther_data();
    void weiToEther();
    // Tooltips give the exact value and the conversion.
    void toolTip_data();
    void toolTip();
    // Copy gives the exact value: strings unquoted, big integers in full, objects compact.
    void copyText_data();
    void copyText();
    // The field kind is guessed from the last path step, ignoring case.
    void kindForPath_data();
    void kindForPath();
};

void TestValueFormatter::display_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("literal");
    QTest::addColumn<QString>("expected");

    const QString ellipsis(QChar(0x2026));
    QTest::newRow("wei as ETH") << "value" << "\"1234500000000000000\"" << "1.2345 ETH";
    QTest::newRow("wei rounds half up") << "value" << "\"1234550000000000000\"" << "1.2346 ETH";
    QTest::newRow("wei zero") << "value" << "\"0\"" << "0 ETH";
    QTest::newRow("wei as a JSON number") << "value" << "1500000000000000000" << "1.5 ETH";
    QTest::newRow("wei grouped") << "value" << "\"12345678900000000000000\"" << "12,345.6789 ETH";
    QTest::newRow("wei non-numeric stays text") << "value" << "\"n/a\"" << "n/a";
    QTest::newRow("gas price as gwei") << "gas_price" << "25123456789" << "25.12 gwei";
    QTest::newRow("base fee as gwei") << "base_fee_per_gas" << "\"7000000000\"" << "7 gwei";
    QTest::newRow("sub-gwei fee") << "max_priority_fee_per_gas" << "1500000" << "0.0015 gwei";
    QTest::newRow("ISO timestamp (UTC) in local time")
            << "block_timestamp" << "\"2025-06-21T03:14:15Z\"" << "2025-06-21 05:14:15";
    QTest::newRow("ISO timestamp without zone is UTC")
            << "timestamp" << "\"2025-06-21 03:14:15\"" << "2025-06-21 05:14:15";
    QTest::newRow("ISO timestamp with ms") << "timestamp" << "\"2025-06-21T03:14:15.250Z\""
                                           << "2025-06-21 05:14:15.250";
    QTest::newRow("ISO timestamp with offset")
            << "timestamp" << "\"2025-06-21T03:14:15+01:00\"" << "2025-06-21 04:14:15";
    QTest::newRow("hyperliquid ms time") << "payload.time" << "1753284680334"
                                         << "2025-07-23 17:31:20.334";
    QTest::newRow("hyperliquid blockTime") << "payload.blockTime" << "1750476484000"
                                           << "2025-06-21 05:28:04";
    QTest::newRow("epoch seconds") << "timestamp" << "1750476484" << "2025-06-21 05:28:04";
    QTest::newRow("bad timestamp stays text") << "timestamp" << "\"soon\"" << "soon";
    QTest::newRow("block number grouped") << "number" << "21000000" << "21,000,000";
    QTest::newRow("nested block number") << "payload.block_number" << "1234567" << "1,234,567";
    QTest::newRow("gas used grouped") << "gas_used" << "29999999" << "29,999,999";
    QTest::newRow("transaction count grouped") << "transaction_count" << "1234" << "1,234";
    QTest::newRow("other integers plain") << "payload.tid" << "293847561234" << "293847561234";
    QTest::newRow("fraction plain") << "usd_amount" << "1234.5" << "1234.5";
    QTest::newRow("address elided") << "from_address"
                                    << "\"0x1234567890abcdef1234567890abcdef1234abcd\""
                                    << "0x1234" + ellipsis + "abcd";
    QTest::newRow("hash elided")
            << "hash" << "\"0xaaaabbbbccccddddeeeeffff00001111222233334444555566667777deadbeef\""
            << "0xaaaa" + ellipsis + "beef";
    QTest::newRow("solana signature elided")
            << "txn_id" << "\"5VERv8NMvzbJMEkV8xnrLkEaWRtSz9CosKDYjCJjBRnbJLgp8uirBgmQpjKhoR4tjF3ZpRzrFmBV6UjKdiSZkQUW\""
            << "5VER" + ellipsis + "kQUW";
    QTest::newRow("short hex kept") << "transaction_type" << "\"0x2\"" << "0x2";
    QTest::newRow("words kept") << "payload.dir" << "\"Open Long\"" << "Open Long";
    QTest::newRow("true") << "success" << "true" << "true";
    QTest::newRow("false") << "payload.crossed" << "false" << "false";
    QTest::newRow("null") << "to_address" << "null" << QString(QChar(0x2014));
    QTest::newRow("object compact") << "payload.liquidation" << "{\"a\":1}" << "{\"a\":1}";
    QTest::newRow("array compact") << "topics" << "[\"0x1\",2]" << "[\"0x1\",2]";
    QTest::newRow("newline flattened") << "note" << "\"a\\nb\"" << "a b";
}

void TestValueFormatter::display()
{
    QFETCH(QString, path);
    QFETCH(QString, literal);
    QFETCH(QString, expected);
    QCOMPARE(testFormatter().display(path, json(literal.toUtf8().constData())), expected);
}

void TestValueFormatter::weiToEther_data()
{
    QTest::addColumn<QString>("wei");
    QTest::addColumn<QString>("expected");
    QTest::newRow("one wei") << "1" << "0.000000000000000001 ETH";
    QTest::newRow("four significant below one") << "12345678900000" << "0.00001235 ETH";
    QTest::newRow("rounds up to a whole") << "999999999999999999" << "1 ETH";
    QTest::newRow("carry into integer") << "1999950000000000000" << "2 ETH";
    QTest::newRow("beyond 64 bits") << "340282366920938463463374607431768211455"
                                    << "340,282,366,920,938,463,463.3746 ETH";
    QTest::newRow("negative") << "-2500000000000000000" << "-2.5 ETH";
    QTest::newRow("fraction refused") << "1.5" << "";
    QTest::newRow("hex refused") << "0x10" << "";
}

void TestValueFormatter::weiToEther()
{
    QFETCH(QString, wei);
    QFETCH(QString, expected);
    QCOMPARE(testFormatter().weiToEther(wei), expected);
}

void TestValueFormatter::toolTip_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("literal");
    QTest::addColumn<QString>("expected");
    QTest::newRow("wei exact") << "value" << "\"1234567890123456789\""
                               << "1234567890123456789 wei = 1.234567890123456789 ETH";
    QTest::newRow("gwei exact") << "gas_price" << "25123456789"
                                << "25123456789 wei = 25.123456789 gwei";
    QTest::newRow("timestamp")
            << "time" << "1753284680334"
            << "2025-07-23 17:31:20.334 UTC+02:00\n2025-07-23T15:31:20.334Z UTC\n1753284680334";
    QTest::newRow("hash in full") << "hash" << "\"0xaaaabbbbccccddddeeee\""
                                  << "0xaaaabbbbccccddddeeee";
}

void TestValueFormatter::toolTip()
{
    QFETCH(QString, path);
    QFETCH(QString, literal);
    QFETCH(QString, expected);
    QCOMPARE(testFormatter().toolTip(path, json(literal.toUtf8().constData())), expected);
}

void TestValueFormatter::copyText_data()
{
    QTest::addColumn<QString>("literal");
    QTest::addColumn<QString>("expected");
    QTest::newRow("string") << "\"0xabc\"" << "0xabc";
    QTest::newRow("big integer") << "1500000000000000000" << "1500000000000000000";
    QTest::newRow("fraction") << "0.1" << "0.1";
    QTest::newRow("bool") << "true" << "true";
    QTest::newRow("null") << "null" << "null";
    QTest::newRow("object") << "{\"b\":[1,2]}" << "{\"b\":[1,2]}";
}

void TestValueFormatter::copyText()
{
    QFETCH(QString, literal);
    QFETCH(QString, expected);
    QCOMPARE(ValueFormatter::copyText(json(literal.toUtf8().constData())), expected);
}

void TestValueFormatter::kindForPath_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<ValueFormatter::Kind>("kind");
    QTest::newRow("value") << "value" << ValueFormatter::Kind::Wei;
    QTest::newRow("nested value") << "payload.value" << ValueFormatter::Kind::Wei;
    QTest::newRow("gasPrice") << "payload.gasPrice" << ValueFormatter::Kind::Gwei;
    QTest::newRow("effective gas price") << "receipt_effective_gas_price"
                                         << ValueFormatter::Kind::Gwei;
    QTest::newRow("statusTimestamp") << "statusTimestamp" << ValueFormatter::Kind::Timestamp;
    QTest::newRow("time") << "payload.time" << ValueFormatter::Kind::Timestamp;
    QTest::newRow("block_slot") << "block_slot" << ValueFormatter::Kind::Grouped;
    QTest::newRow("receipt gas used") << "receipt_gas_used" << ValueFormatter::Kind::Grouped;
    QTest::newRow("coin") << "payload.coin" << ValueFormatter::Kind::Plain;
    QTest::newRow("timeout is not a time") << "timeout" << ValueFormatter::Kind::Plain;
}

void TestValueFormatter::kindForPath()
{
    QFETCH(QString, path);
    QFETCH(ValueFormatter::Kind, kind);
    QCOMPARE(ValueFormatter::kindForPath(path), kind);
}

QTEST_GUILESS_MAIN(TestValueFormatter)
#include "tst_valueformatter.moc"
