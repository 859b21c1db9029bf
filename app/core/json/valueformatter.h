// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QLocale>
#include <QString>
#include <QStringView>
#include <QTimeZone>

namespace allium {

/// Turns one field of a message into the short text a table cell shows and the full text its
/// tooltip and "Copy value" give, chosen by the field's name and JSON type: wei as ETH, gas
/// prices as gwei, timestamps in local time, long hashes elided in the middle, grouped digits.
class ValueFormatter
{
public:
    /// How a field is shown; guessed from its last path step by kindForPath().
    enum class Kind {
        Plain,     ///< strings as they are, numbers without exponent
        Wei,       ///< an amount in wei shown in ETH (`value`)
        Gwei,      ///< a gas price in wei shown in gwei (`gas_price`, `base_fee_per_gas`, …)
        Timestamp, ///< ISO-8601 text (UTC when no offset), or ms/s since the epoch
        Grouped,   ///< an integer shown with thousands separators (block numbers, gas)
    };

    /// Strings at least this long made only of letters and digits (hashes, addresses, Solana
    /// signatures) are elided in the middle.
    static constexpr int ElideThreshold = 20;
    /// Display text longer than this is cut, so a huge string cannot slow the table.
    static constexpr int MaxDisplayLength = 300;
    /// Integers with more digits than this show their leading ElidedLeadingDigits digits, an
    /// ellipsis and the digit count ("1,234,567,890,123,45… (1,000,000 digits)").
    static constexpr int MaxGroupedDigits = 40;
    static constexpr int ElidedLeadingDigits = 15;

    /// The system locale and time zone.
    ValueFormatter();
    ValueFormatter(const QLocale &locale, const QTimeZone &timeZone);

    const QLocale &locale() const { return m_locale; }
    const QTimeZone &timeZone() const { return m_timeZone; }

    static Kind kindForPath(QStringView path);

    /// Short text for a table cell. A null value is "—"; a missing one (undefined) is empty.
    QString display(QStringView path, const QJsonValue &value) const;
    /// Everything about the value for a tooltip: the exact value and, where it was converted,
    /// the conversion ("1500000000000000000 wei = 1.5 ETH").
    QString toolTip(QStringView path, const QJsonValue &value) const;
    /// The exact value as text, for "Copy value": strings unquoted, integers in full, objects and
    /// arrays as compact JSON.
    static QString copyText(const QJsonValue &value);

    /// "1.2345 ETH" from a decimal string of wei, exactly (no floating point): at most 4
    /// decimals at or above 1 ETH, else 4 significant digits. Empty when not a decimal integer.
    QString weiToEther(QStringView wei) const;
    /// "12.35 gwei" from wei, with at most 2 decimals at or above 1 gwei.
    QString weiToGwei(QStringView wei) const;
    /// A timestamp in the formatter's time zone ("2025-06-21 05:14:15", ".123" when it has
    /// milliseconds). Empty when the value is no timestamp.
    QString timestamp(const QJsonValue &value) const;
    /// Whether `value` is a money object as the Developer API sends it:
    /// {"currency": "USD", "amount": "12.5"} (the amount a decimal string or a number).
    static bool isMoney(const QJsonValue &value);
    /// "$1,234.57" for USD, "1,234.57 EUR" otherwise: two decimals at or above one unit, else
    /// four significant digits. Empty when `money` is no money object.
    QString money(const QJsonObject &money) const;
    /// "0x1234…abcd": the head and the last four characters.
    static QString elideMiddle(const QString &text);

private:
    QString decimalUnits(QStringView integerDigits, int shift, int maxDecimals,
                         const QString &unit) const;
    QString groupedInteger(const QString &digits, bool negative) const;

    QLocale m_locale;
    QTimeZone m_timeZone;
};

} // namespace allium
