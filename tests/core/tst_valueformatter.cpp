// SPDX-License-Identifier: MIT
#include "core/json/valueformatter.h"

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
    // A million-digit integer is shown elided (leading digits, separators where the whole
    // number has them, the digit count), in a cell and in a tooltip, never formatted whole.
    void millionDigitsElided_data();
    void millionDigitsElided();
    // Integers up to the limit keep every digit and separator.
    void longestGroupedInFull();
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
    QTest::newRow("wei as ETH") << QStringLiteral("value")
                                << QStringLiteral("\"1234500000000000000\"")
                                << QStringLiteral("1.2345 ETH");
    QTest::newRow("wei rounds half up")
        << QStringLiteral("value") << QStringLiteral("\"1234550000000000000\"")
        << QStringLiteral("1.2346 ETH");
    QTest::newRow("wei zero") << QStringLiteral("value") << QStringLiteral("\"0\"")
                              << QStringLiteral("0 ETH");
    QTest::newRow("wei as a JSON number")
        << QStringLiteral("value") << QStringLiteral("1500000000000000000")
        << QStringLiteral("1.5 ETH");
    QTest::newRow("wei grouped") << QStringLiteral("value")
                                 << QStringLiteral("\"12345678900000000000000\"")
                                 << QStringLiteral("12,345.6789 ETH");
    QTest::newRow("wei non-numeric stays text")
        << QStringLiteral("value") << QStringLiteral("\"n/a\"") << QStringLiteral("n/a");
    // The Developer API's money objects, under any name.
    QTest::newRow("USD money object")
        << QStringLiteral("realized_pnl")
        << QStringLiteral("{\"currency\":\"USD\",\"amount\":\"1234567.891\"}")
        << QStringLiteral("$1,234,567.89");
    QTest::newRow("negative USD as a number")
        << QStringLiteral("amount") << QStringLiteral("{\"currency\":\"USD\",\"amount\":-2.5}")
        << QStringLiteral("-$2.50");
    QTest::newRow("fraction of a cent")
        << QStringLiteral("average_cost")
        << QStringLiteral("{\"currency\":\"USD\",\"amount\":\"0.000012345678\"}")
        << QStringLiteral("$0.00001235");
    QTest::newRow("other currency")
        << QStringLiteral("x") << QStringLiteral("{\"currency\":\"EUR\",\"amount\":\"3\"}")
        << QStringLiteral("3.00 EUR");
    QTest::newRow("not money: amount not a number")
        << QStringLiteral("x") << QStringLiteral("{\"currency\":\"USD\",\"amount\":\"lots\"}")
        << QStringLiteral("{\"amount\":\"lots\",\"currency\":\"USD\"}");
    QTest::newRow("gas price as gwei")
        << QStringLiteral("gas_price") << QStringLiteral("25123456789")
        << QStringLiteral("25.12 gwei");
    QTest::newRow("base fee as gwei")
        << QStringLiteral("base_fee_per_gas") << QStringLiteral("\"7000000000\"")
        << QStringLiteral("7 gwei");
    QTest::newRow("sub-gwei fee") << QStringLiteral("max_priority_fee_per_gas")
                                  << QStringLiteral("1500000") << QStringLiteral("0.0015 gwei");
    QTest::newRow("ISO timestamp (UTC) in local time")
        << QStringLiteral("block_timestamp") << QStringLiteral("\"2025-06-21T03:14:15Z\"")
        << QStringLiteral("2025-06-21 05:14:15");
    QTest::newRow("ISO timestamp without zone is UTC")
        << QStringLiteral("timestamp") << QStringLiteral("\"2025-06-21 03:14:15\"")
        << QStringLiteral("2025-06-21 05:14:15");
    QTest::newRow("ISO timestamp with ms")
        << QStringLiteral("timestamp") << QStringLiteral("\"2025-06-21T03:14:15.250Z\"")
        << QStringLiteral("2025-06-21 05:14:15.250");
    QTest::newRow("ISO timestamp with offset")
        << QStringLiteral("timestamp") << QStringLiteral("\"2025-06-21T03:14:15+01:00\"")
        << QStringLiteral("2025-06-21 04:14:15");
    QTest::newRow("hyperliquid ms time")
        << QStringLiteral("payload.time") << QStringLiteral("1753284680334")
        << QStringLiteral("2025-07-23 17:31:20.334");
    QTest::newRow("hyperliquid blockTime")
        << QStringLiteral("payload.blockTime") << QStringLiteral("1750476484000")
        << QStringLiteral("2025-06-21 05:28:04");
    QTest::newRow("epoch seconds") << QStringLiteral("timestamp") << QStringLiteral("1750476484")
                                   << QStringLiteral("2025-06-21 05:28:04");
    QTest::newRow("bad timestamp stays text")
        << QStringLiteral("timestamp") << QStringLiteral("\"soon\"") << QStringLiteral("soon");
    QTest::newRow("block number grouped")
        << QStringLiteral("number") << QStringLiteral("21000000") << QStringLiteral("21,000,000");
    QTest::newRow("nested block number")
        << QStringLiteral("payload.block_number") << QStringLiteral("1234567")
        << QStringLiteral("1,234,567");
    QTest::newRow("gas used grouped")
        << QStringLiteral("gas_used") << QStringLiteral("29999999") << QStringLiteral("29,999,999");
    QTest::newRow("transaction count grouped")
        << QStringLiteral("transaction_count") << QStringLiteral("1234") << QStringLiteral("1,234");
    QTest::newRow("other integers plain")
        << QStringLiteral("payload.tid") << QStringLiteral("293847561234")
        << QStringLiteral("293847561234");
    QTest::newRow("fraction plain")
        << QStringLiteral("usd_amount") << QStringLiteral("1234.5") << QStringLiteral("1234.5");
    QTest::newRow("address elided")
        << QStringLiteral("from_address")
        << QStringLiteral("\"0x1234567890abcdef1234567890abcdef1234abcd\"")
        << QStringLiteral("0x1234") + ellipsis + QStringLiteral("abcd");
    QTest::newRow("hash elided")
        << QStringLiteral("hash")
        << QStringLiteral("\"0xaaaabbbbccccddddeeeeffff00001111222233334444555566667777deadbeef\"")
        << QStringLiteral("0xaaaa") + ellipsis + QStringLiteral("beef");
    QTest::newRow("solana signature elided")
        << QStringLiteral("txn_id")
        << QStringLiteral("\"5VERv8NMvzbJMEkV8xnrLkEaWRtSz9CosKDYjCJjBRnbJLgp8uirBgmQpjKhoR4tjF3ZpR"
                          "zrFmBV6UjKdiSZkQUW\"")
        << QStringLiteral("5VER") + ellipsis + QStringLiteral("kQUW");
    QTest::newRow("short hex kept")
        << QStringLiteral("transaction_type") << QStringLiteral("\"0x2\"") << QStringLiteral("0x2");
    QTest::newRow("words kept") << QStringLiteral("payload.dir") << QStringLiteral("\"Open Long\"")
                                << QStringLiteral("Open Long");
    QTest::newRow("true") << QStringLiteral("success") << QStringLiteral("true")
                          << QStringLiteral("true");
    QTest::newRow("false") << QStringLiteral("payload.crossed") << QStringLiteral("false")
                           << QStringLiteral("false");
    QTest::newRow("null") << QStringLiteral("to_address") << QStringLiteral("null")
                          << QString(QChar(0x2014));
    QTest::newRow("object compact") << QStringLiteral("payload.liquidation")
                                    << QStringLiteral("{\"a\":1}") << QStringLiteral("{\"a\":1}");
    QTest::newRow("array compact") << QStringLiteral("topics") << QStringLiteral("[\"0x1\",2]")
                                   << QStringLiteral("[\"0x1\",2]");
    QTest::newRow("newline flattened")
        << QStringLiteral("note") << QStringLiteral("\"a\\nb\"") << QStringLiteral("a b");
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
    QTest::newRow("one wei") << QStringLiteral("1") << QStringLiteral("0.000000000000000001 ETH");
    QTest::newRow("four significant below one")
        << QStringLiteral("12345678900000") << QStringLiteral("0.00001235 ETH");
    QTest::newRow("rounds up to a whole")
        << QStringLiteral("999999999999999999") << QStringLiteral("1 ETH");
    QTest::newRow("carry into integer")
        << QStringLiteral("1999950000000000000") << QStringLiteral("2 ETH");
    QTest::newRow("beyond 64 bits") << QStringLiteral("340282366920938463463374607431768211455")
                                    << QStringLiteral("340,282,366,920,938,463,463.3746 ETH");
    QTest::newRow("negative") << QStringLiteral("-2500000000000000000")
                              << QStringLiteral("-2.5 ETH");
    QTest::newRow("fraction refused") << QStringLiteral("1.5") << QStringLiteral("");
    QTest::newRow("hex refused") << QStringLiteral("0x10") << QStringLiteral("");
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
    QTest::newRow("wei exact") << QStringLiteral("value")
                               << QStringLiteral("\"1234567890123456789\"")
                               << QStringLiteral(
                                      "1234567890123456789 wei = 1.234567890123456789 ETH");
    QTest::newRow("gwei exact") << QStringLiteral("gas_price") << QStringLiteral("25123456789")
                                << QStringLiteral("25123456789 wei = 25.123456789 gwei");
    QTest::newRow("timestamp")
        << QStringLiteral("time") << QStringLiteral("1753284680334")
        << QStringLiteral(
               "2025-07-23 17:31:20.334 UTC+02:00\n2025-07-23T15:31:20.334Z UTC\n1753284680334");
    QTest::newRow("hash in full") << QStringLiteral("hash")
                                  << QStringLiteral("\"0xaaaabbbbccccddddeeee\"")
                                  << QStringLiteral("0xaaaabbbbccccddddeeee");
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
    QTest::newRow("string") << QStringLiteral("\"0xabc\"") << QStringLiteral("0xabc");
    QTest::newRow("big integer") << QStringLiteral("1500000000000000000")
                                 << QStringLiteral("1500000000000000000");
    QTest::newRow("fraction") << QStringLiteral("0.1") << QStringLiteral("0.1");
    QTest::newRow("bool") << QStringLiteral("true") << QStringLiteral("true");
    QTest::newRow("null") << QStringLiteral("null") << QStringLiteral("null");
    QTest::newRow("object") << QStringLiteral("{\"b\":[1,2]}") << QStringLiteral("{\"b\":[1,2]}");
}

void TestValueFormatter::copyText()
{
    QFETCH(QString, literal);
    QFETCH(QString, expected);
    QCOMPARE(ValueFormatter::copyText(json(literal.toUtf8().constData())), expected);
}

void TestValueFormatter::millionDigitsElided_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("negative");
    QTest::addColumn<QString>("expected");
    const QString ellipsis(QChar(0x2026));
    QTest::newRow("block number")
        << QStringLiteral("block_number") << false
        << QStringLiteral("1,234,567,890,123,45%1 (1,000,000 digits)").arg(ellipsis);
    QTest::newRow("negative gas")
        << QStringLiteral("gas") << true
        << QStringLiteral("-1,234,567,890,123,45%1 (1,000,000 digits)").arg(ellipsis);
    // 18 digits go to the fraction: 999,982 remain for the whole ETH.
    QTest::newRow("wei")
        << QStringLiteral("value") << false
        << QStringLiteral("1,234,567,890,123,45%1 (999,982 digits) ETH").arg(ellipsis);
    QTest::newRow("gwei")
        << QStringLiteral("gas_price") << false
        << QStringLiteral("1,234,567,890,123,45%1 (999,991 digits) gwei").arg(ellipsis);
}

void TestValueFormatter::millionDigitsElided()
{
    QFETCH(QString, path);
    QFETCH(bool, negative);
    QFETCH(QString, expected);
    QString digits = QStringLiteral("1234567890").repeated(100000);
    QCOMPARE(digits.size(), 1000000);
    if (negative)
        digits.prepend(QLatin1Char('-'));
    const ValueFormatter formatter = testFormatter();
    QCOMPARE(formatter.display(path, QJsonValue(digits)), expected);
    const QString tip = formatter.toolTip(path, QJsonValue(digits));
    QVERIFY2(tip.size() < 3000, qPrintable(QString::number(tip.size())));
    if (path == QLatin1String("value"))
        QVERIFY(tip.endsWith(expected));
}

void TestValueFormatter::longestGroupedInFull()
{
    const QString digits = QStringLiteral("1234567890").repeated(4);
    QCOMPARE(digits.size(), ValueFormatter::MaxGroupedDigits);
    QCOMPARE(testFormatter().display(u"block_number", QJsonValue(QStringLiteral("000") + digits)),
             QStringLiteral("1,234,567,890,123,456,789,012,345,678,901,234,567,890"));
}

void TestValueFormatter::kindForPath_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<ValueFormatter::Kind>("kind");
    QTest::newRow("value") << QStringLiteral("value") << ValueFormatter::Kind::Wei;
    QTest::newRow("nested value") << QStringLiteral("payload.value") << ValueFormatter::Kind::Wei;
    QTest::newRow("gasPrice") << QStringLiteral("payload.gasPrice") << ValueFormatter::Kind::Gwei;
    QTest::newRow("effective gas price")
        << QStringLiteral("receipt_effective_gas_price") << ValueFormatter::Kind::Gwei;
    QTest::newRow("statusTimestamp")
        << QStringLiteral("statusTimestamp") << ValueFormatter::Kind::Timestamp;
    QTest::newRow("time") << QStringLiteral("payload.time") << ValueFormatter::Kind::Timestamp;
    QTest::newRow("block_slot") << QStringLiteral("block_slot") << ValueFormatter::Kind::Grouped;
    QTest::newRow("receipt gas used")
        << QStringLiteral("receipt_gas_used") << ValueFormatter::Kind::Grouped;
    QTest::newRow("coin") << QStringLiteral("payload.coin") << ValueFormatter::Kind::Plain;
    QTest::newRow("timeout is not a time")
        << QStringLiteral("timeout") << ValueFormatter::Kind::Plain;
}

void TestValueFormatter::kindForPath()
{
    QFETCH(QString, path);
    QFETCH(ValueFormatter::Kind, kind);
    QCOMPARE(ValueFormatter::kindForPath(path), kind);
}

QTEST_GUILESS_MAIN(TestValueFormatter)
#include "tst_valueformatter.moc"
