// SPDX-License-Identifier: MIT
#include "core/json/decimalnumber.h"
#include "core/json/numerictext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <cmath>

using allium::DecimalNumber;

// Exact decimal parsing, canonical text and comparison for numbers beyond 64 bits and doubles.
class TestDecimalNumber : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void compare_data();
    void compare();
    void fromDouble_data();
    void fromDouble();
    void fromJson();
    void fromInteger();
    void decimalTextAsDouble_data();
    void decimalTextAsDouble();
};

void TestDecimalNumber::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("numeric");
    QTest::addColumn<QString>("canonical");

    QTest::newRow("zero") << "0" << true << "0";
    QTest::newRow("negative zero") << "-0.000" << true << "0";
    QTest::newRow("leading zeros") << "007" << true << "7";
    QTest::newRow("trailing fraction zeros") << "12.500" << true << "12.5";
    QTest::newRow("fraction only") << "0.05" << true << "0.05";
    QTest::newRow("wei") << "1000000000000000000000" << true << "1000000000000000000000";
    QTest::newRow("negative big") << "-98765432109876543210.0123456789" << true
                                  << "-98765432109876543210.0123456789";
    QTest::newRow("empty") << "" << false << "";
    QTest::newRow("minus only") << "-" << false << "";
    QTest::newRow("plus sign") << "+5" << false << "";
    QTest::newRow("exponent") << "1e5" << false << "";
    QTest::newRow("hex") << "0x10" << false << "";
    QTest::newRow("dot first") << ".5" << false << "";
    QTest::newRow("dot last") << "5." << false << "";
    QTest::newRow("space") << " 5" << false << "";
    QTest::newRow("two dots") << "1.2.3" << false << "";
    QTest::newRow("word") << "ethereum" << false << "";
    QTest::newRow("arabic-indic digit") << QStringLiteral("\u0661") << false << "";
}

// Only `-?digits(.digits)?` is numeric; the canonical text drops redundant zeros and signs.
void TestDecimalNumber::parse()
{
    QFETCH(QString, text);
    QFETCH(bool, numeric);
    QFETCH(QString, canonical);

    QCOMPARE(DecimalNumber::isNumeric(text), numeric);
    const std::optional<DecimalNumber> number = DecimalNumber::fromString(text);
    QCOMPARE(number.has_value(), numeric);
    if (number)
        QCOMPARE(number->toString(), canonical);
}

void TestDecimalNumber::compare_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<int>("expected");

    QTest::newRow("equal") << "42"
                           << "42" << 0;
    QTest::newRow("equal with zeros") << "042.10"
                                      << "42.1" << 0;
    QTest::newRow("zero signs") << "-0"
                                << "0" << 0;
    QTest::newRow("longer integer") << "100"
                                    << "99" << 1;
    QTest::newRow("above 2^64") << "18446744073709551617"
                                << "18446744073709551616" << 1;
    QTest::newRow("fraction decides") << "1.05"
                                      << "1.5" << -1;
    QTest::newRow("fraction prefix") << "1.5"
                                     << "1.55" << -1;
    QTest::newRow("negative vs positive") << "-1"
                                          << "0.1" << -1;
    QTest::newRow("negatives invert") << "-100"
                                      << "-99" << -1;
    QTest::newRow("negative fractions") << "-0.5"
                                        << "-0.25" << -1;
    QTest::newRow("wei vs one") << "1000000000000000000000"
                                << "1" << 1;
    QTest::newRow("integer vs fraction") << "2"
                                         << "1.999999999999999999999" << 1;
}

// compare() and compareText() order numbers exactly, whatever their size.
void TestDecimalNumber::compare()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(int, expected);

    const DecimalNumber x = *DecimalNumber::fromString(a);
    const DecimalNumber y = *DecimalNumber::fromString(b);
    QCOMPARE(x.compare(y), expected);
    QCOMPARE(y.compare(x), -expected);
    QCOMPARE(x == y, expected == 0);
    QCOMPARE(x < y, expected < 0);
    QCOMPARE(x >= y, expected >= 0);
    int r = 99;
    QVERIFY(DecimalNumber::compareText(a, y, &r));
    QCOMPARE(r, expected);

    r = 99;
    QVERIFY(!DecimalNumber::compareText(u"abc", y, &r));
    QCOMPARE(r, 99);
}

void TestDecimalNumber::fromDouble_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("expected");

    QTest::newRow("zero") << 0.0 << "0";
    QTest::newRow("negative zero") << -0.0 << "0";
    QTest::newRow("integer") << 18000000.0 << "18000000";
    QTest::newRow("1e21 exact") << 1e21 << "1000000000000000000000";
    QTest::newRow("2^64 exact") << 18446744073709551616.0 << "18446744073709551616";
    QTest::newRow("1e23 is its double") << 1e23 << "99999999999999991611392";
    QTest::newRow("negative big") << -1e30 << "-1000000000000000019884624838656";
    QTest::newRow("one tenth") << 0.1 << "0.1";
    QTest::newRow("small") << 1e-7 << "0.0000001";
    QTest::newRow("negative fraction") << -2.5 << "-2.5";
    QTest::newRow("mixed") << 123.456 << "123.456";
    QTest::newRow("near 2^52") << 4503599627370495.5 << "4503599627370495.5";
}

// Integral doubles convert exactly; other doubles through their shortest round-trip text.
void TestDecimalNumber::fromDouble()
{
    QFETCH(double, value);
    QFETCH(QString, expected);

    const std::optional<DecimalNumber> number = DecimalNumber::fromDouble(value);
    QVERIFY(number);
    QCOMPARE(number->toString(), expected);
}

// JSON numbers keep 64-bit integers exactly; strings must be numeric; other types fail.
void TestDecimalNumber::fromJson()
{
    const QJsonArray values =
        QJsonDocument::fromJson("[9007199254740993, -9223372036854775808, \"12.50\", 1.5,"
                                " \"x\", true, null, [], 1e21]")
            .array();
    QCOMPARE(DecimalNumber::fromJson(values.at(0))->toString(), QStringLiteral("9007199254740993"));
    QCOMPARE(DecimalNumber::fromJson(values.at(1))->toString(),
             QStringLiteral("-9223372036854775808"));
    QCOMPARE(DecimalNumber::fromJson(values.at(2))->toString(), QStringLiteral("12.5"));
    QCOMPARE(DecimalNumber::fromJson(values.at(3))->toString(), QStringLiteral("1.5"));
    QVERIFY(!DecimalNumber::fromJson(values.at(4)));
    QVERIFY(!DecimalNumber::fromJson(values.at(5)));
    QVERIFY(!DecimalNumber::fromJson(values.at(6)));
    QVERIFY(!DecimalNumber::fromJson(values.at(7)));
    QCOMPARE(DecimalNumber::fromJson(values.at(8))->toString(),
             QStringLiteral("1000000000000000000000"));
    QVERIFY(!DecimalNumber::fromDouble(std::nan("")));
    QVERIFY(!DecimalNumber::fromDouble(INFINITY));
}

// The whole qint64 range converts, including its minimum.
void TestDecimalNumber::fromInteger()
{
    QCOMPARE(DecimalNumber::fromInteger(0).toString(), QStringLiteral("0"));
    QVERIFY(DecimalNumber::fromInteger(0).isZero());
    QCOMPARE(DecimalNumber::fromInteger(-42).toString(), QStringLiteral("-42"));
    QCOMPARE(DecimalNumber::fromInteger(std::numeric_limits<qint64>::min()).toString(),
             QStringLiteral("-9223372036854775808"));
    QCOMPARE(DecimalNumber::fromInteger(std::numeric_limits<qint64>::max()).integerDigits(),
             QStringLiteral("9223372036854775807"));
    QVERIFY(DecimalNumber::fromInteger(-1).isNegative());
    QVERIFY(DecimalNumber::fromString(u"1.25")->fractionDigits() == QStringLiteral("25"));
    QVERIFY(!DecimalNumber::fromString(u"1.25")->isInteger());
}

// parseDecimalText()'s fast path for short decimals gives exactly what std::from_chars gives
// (the same double, bit for bit), and the same verdict on what is not a number.
void TestDecimalNumber::decimalTextAsDouble_data()
{
    QTest::addColumn<QByteArray>("text");
    for (const char *text : {"0",
                             "-0",
                             "7",
                             "007",
                             "0.1",
                             "-12.5",
                             "30991.0",
                             "0.3",
                             "2.675",
                             "1.0000001",
                             "123456789012345",
                             "12345678901234.5",
                             "0.000000000000001",
                             "1234567890123456",
                             "9007199254740993",
                             "0.12345678901234567",
                             "1000000000000000000",
                             ".5",
                             "5.",
                             "-.5",
                             "1e3",
                             "-2.5E-3",
                             "0x10",
                             "",
                             "-",
                             ".",
                             "1.2.3",
                             " 5",
                             "5 ",
                             "+5",
                             "--5",
                             "inf",
                             "nan",
                             "12a"}) {
        QTest::newRow(*text ? text : "(empty)") << QByteArray(text);
    }
}

void TestDecimalNumber::decimalTextAsDouble()
{
    QFETCH(QByteArray, text);
    double expected = -1;
    const auto result = std::from_chars(text.constData(), text.constData() + text.size(), expected);
    const bool numeric =
        !text.isEmpty() && result.ec == std::errc() && result.ptr == text.constData() + text.size();
    double value = -1;
    QCOMPARE(allium::parseDecimalText(std::string_view(text.constData(), std::size_t(text.size())),
                                      &value),
             numeric);
    if (numeric) {
        QCOMPARE(value, expected);
        QCOMPARE(std::signbit(value), std::signbit(expected));
    }
}

QTEST_GUILESS_MAIN(TestDecimalNumber)
#include "tst_decimalnumber.moc"
