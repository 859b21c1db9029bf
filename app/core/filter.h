#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

namespace allium {

class FilterParseResult;

/// A stream filter as sent with `{"action":"setFilter","data":…}`: a tree whose leaves are
/// conditions `{"field","operator","value"}` and whose inner nodes are groups
/// `{"op":"AND"|"OR","conditions":[…]}`, nested to any depth. An empty filter matches everything.
/// The one implementation used by the emulator, the local preview and the table's proxy.
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
    static Filter condition(const QString &field, Operator op, const QJsonValue &value);
    static Filter group(Combinator combinator, const QList<Filter> &children = {});

    Kind kind() const { return m_kind; }
    bool isEmpty() const { return m_kind == Kind::Empty; }

    // Condition accessors (meaningful when kind() == Condition).
    QString field() const { return m_field; }
    void setField(const QString &field) { m_field = field; }
    Operator op() const { return m_operator; }
    void setOp(Operator op) { m_operator = op; }
    QJsonValue value() const { return m_value; }
    void setValue(const QJsonValue &value) { m_value = value; }

    // Group accessors (meaningful when kind() == Group).
    Combinator combinator() const { return m_combinator; }
    void setCombinator(Combinator combinator) { m_combinator = combinator; }
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

    /// True when the message satisfies the filter. See README "Filter semantics" for the rules on
    /// missing fields, null, type mismatches, big numbers and hex case.
    bool matches(const QJsonObject &message) const;

    /// Every field path the filter names, in order of appearance, without duplicates.
    QStringList fieldPaths() const;

    static QString operatorText(Operator op);
    /// Operator from its JSON text; `IN` and `EXISTS` are accepted in upper case for old filters.
    static bool operatorFromText(const QString &text, Operator *op);
    static QString combinatorText(Combinator combinator);

    friend bool operator==(const Filter &a, const Filter &b);
    friend bool operator!=(const Filter &a, const Filter &b) { return !(a == b); }

private:
    Kind m_kind = Kind::Empty;
    QString m_field;
    Operator m_operator = Operator::Equal;
    QJsonValue m_value;
    Combinator m_combinator = Combinator::And;
    QList<Filter> m_children;
};

/// What parse() found: a filter, or the first error with the JSON path where it is
/// (e.g. `conditions[1].operator`) and, for JSON text, the character offset of a syntax error.
class FilterParseResult
{
public:
    Filter filter;
    QString errorPath;     ///< e.g. "conditions[1].operator"; empty for the root or no error
    QString errorMessage;  ///< e.g. "unknown operator \"==\""; empty when ok
    int syntaxErrorOffset = -1; ///< character offset of a JSON syntax error, else -1

    bool ok() const { return errorMessage.isEmpty(); }
    /// "conditions[1].operator: unknown operator \"==\"", or the message alone at the root.
    QString errorString() const;
};

} // namespace allium
