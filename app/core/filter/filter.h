// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace allium {

class FilterParseResult;

/// A stream filter as sent with `{"action":"setFilter","data":…}`: a tree whose leaves are
/// conditions `{"field","operator","value"}` and whose inner nodes are groups
/// `{"op":"AND"|"OR","conditions":[…]}`, nested to any depth. An empty filter matches everything.
/// The one implementation used by the emulator, the local preview and the table's proxy.
///
/// Filter semantics (what matches() does; the spec leaves all of this open):
/// - Field paths use dots to step into nested objects (`payload.coin`); a step that is a
///   non-negative integer indexes into an array (`topics.0`). Dots cannot be escaped.
/// - A missing field and a JSON `null` are the same: every comparison and `in` is false,
///   `exists: false` is true, `exists: true` is false.
/// - Numbers and numeric strings compare numerically and exactly, whatever their size or sign
///   ("1000000000000000000000" > 1e20, "-0.5" < "0", "007" = 7). A numeric string is an optional
///   `-`, digits and an optional `.digits` (no `+`, exponent, spaces or hex). Integral JSON numbers
///   are exact (1e21 is 10^21); others are the shortest decimal for their double (0.1 is 0.1).
/// - Other strings compare by UTF-16 code units (lexicographic ordering). Two `0x` hex strings
///   compare ignoring ASCII case, for `=`, `!=`, ordering and `in` alike.
/// - Booleans support `=` and `!=` only: ordering with a boolean on either side is false.
/// - A type mismatch (boolean vs number, non-numeric string vs number, an object or array field
///   vs anything): `=` is false, `!=` is true, ordering is false.
/// - `in` is true when any list item is `=` to the field by the rules above.
/// - `exists` ignores the field's type: any present, non-null value exists.
/// - A group with an empty list never comes out of parse(); one built in code fails
///   validationError(), and a filter that fails validation matches nothing.
class Filter
{
public:
    enum class Kind { Empty, Condition, Group };
    enum class Operator { Equal, NotEqual, Greater, GreaterOrEqual, Less, LessOrEqual, In, Exists };
    enum class Combinator { And, Or };

    /// Deepest nesting of groups accepted by parse(); deeper input is refused, never recursed into.
    static constexpr int MaxDepth = 32;
    /// Most conditions and groups one filter may hold.
    static constexpr int MaxNodes = 10000;

    Filter() = default;
    Filter(const Filter &other);
    Filter &operator=(const Filter &other);
    Filter(Filter &&other) noexcept = default;
    Filter &operator=(Filter &&other) noexcept = default;
    ~Filter();

    static Filter condition(const QString &field, Operator op, const QJsonValue &value);
    static Filter group(Combinator combinator, const QList<Filter> &children = {});

    Kind kind() const { return m_kind; }
    bool isEmpty() const { return m_kind == Kind::Empty; }

    // Condition accessors (meaningful when kind() == Condition).
    QString field() const { return m_field; }
    void setField(const QString &field)
    {
        m_field = field;
        m_cache.reset();
    }
    Operator op() const { return m_operator; }
    void setOp(Operator op)
    {
        m_operator = op;
        m_cache.reset();
    }
    QJsonValue value() const { return m_value; }
    void setValue(const QJsonValue &value)
    {
        m_value = value;
        m_cache.reset();
    }

    // Group accessors (meaningful when kind() == Group).
    Combinator combinator() const { return m_combinator; }
    void setCombinator(Combinator combinator)
    {
        m_combinator = combinator;
        m_cache.reset();
    }
    const QList<Filter> &children() const { return m_children; }
    QList<Filter> &children() { return m_children; }

    /// The `data` of a setFilter action. An empty filter serialises to an empty object.
    QJsonObject toJson() const;
    /// Compact or indented JSON text of toJson().
    QByteArray toJsonText(bool indented = false) const;

    /// Parses and validates the `data` of a setFilter action. `{}` and `null` give an empty filter.
    static FilterParseResult parse(const QJsonValue &json);
    /// Parses JSON text; syntax errors are reported with their character offset.
    static FilterParseResult parse(const QByteArray &jsonText);

    /// Validation of a filter built in code (e.g. by the builder): the first problem, or empty.
    QString validationError() const;

    /// True when the message satisfies the filter, by the rules in the comment above the class
    /// (also in README "Filter semantics"). Fast: the first call compiles the filter and keeps
    /// the compiled form until the filter changes (also through children()); safe to call from
    /// several threads at once.
    bool matches(const QJsonObject &message) const;
    /// The same for a message as it was received, as text (a recording's line): one that is
    /// not a JSON object matches no filter but the empty one, which is never parsed for.
    bool matchesText(const QByteArray &json) const;

    /// Every field path the filter names, in order of appearance, without duplicates.
    QStringList fieldPaths() const;

    static QString operatorText(Operator op);
    /// Operator from its JSON text; `IN` and `EXISTS` are accepted in upper case for old filters.
    static bool operatorFromText(const QString &text, Operator *op);
    static QString combinatorText(Combinator combinator);

    friend bool operator==(const Filter &a, const Filter &b);
    friend bool operator!=(const Filter &a, const Filter &b) { return !(a == b); }

private:
    struct MatcherCache;
    std::shared_ptr<const MatcherCache> matcherCache() const;

    Kind m_kind = Kind::Empty;
    QString m_field;
    Operator m_operator = Operator::Equal;
    QJsonValue m_value;
    Combinator m_combinator = Combinator::And;
    QList<Filter> m_children;
    // Compiled form for matches(); read and replaced atomically because matches() is const.
    mutable std::shared_ptr<const MatcherCache> m_cache;
};

/// What parse() found: a filter, or the first error with the JSON path where it is
/// (e.g. `conditions[1].operator`) and, for JSON text, the character offset of a syntax error.
class FilterParseResult
{
public:
    Filter filter;
    QString errorPath;    ///< e.g. "conditions[1].operator"; empty for the root or no error
    QString errorMessage; ///< e.g. "unknown operator \"==\""; empty when ok
    /// Character (UTF-16) offset of the character where a JSON syntax error was found, else -1.
    int syntaxErrorOffset = -1;

    bool ok() const { return errorMessage.isEmpty(); }
    /// "conditions[1].operator: unknown operator \"==\"", or the message alone at the root.
    QString errorString() const;
};

} // namespace allium
