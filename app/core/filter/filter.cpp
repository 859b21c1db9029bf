// SPDX-License-Identifier: MIT
#include "core/filter/filter.h"

#include "core/filter/filtermatcher.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <atomic>

namespace allium {

// The compiled form, with the children list it was compiled from: QList's implicit sharing tells
// whether the list (or any filter below it) was modified since, because any mutable access to a
// shared list detaches it.
struct Filter::MatcherCache
{
    FilterMatcher matcher;
    QList<Filter> children;
};

namespace {

struct Problem
{
    QString path;
    QString message;
};

QString join(const QString &path, const QString &key)
{
    return path.isEmpty() ? key : path + QLatin1Char('.') + key;
}

QString conditionsPath(const QString &path, qsizetype index)
{
    return join(path, QStringLiteral("conditions[%1]").arg(index));
}

QString quoted(const QString &text)
{
    return QLatin1Char('"') + text + QLatin1Char('"');
}

QString tooManyNodes()
{
    return QStringLiteral("more than %1 conditions and groups").arg(Filter::MaxNodes);
}

QString tooDeep()
{
    return QStringLiteral("groups nested deeper than %1 levels").arg(Filter::MaxDepth);
}

QString neitherMessage()
{
    return QStringLiteral("neither a condition (field, operator, value) nor a group "
                          "(op, conditions)");
}

// Empty when the field path is usable.
QString fieldProblem(const QString &field)
{
    if (field.isEmpty())
        return QStringLiteral("empty field");
    if (field.split(QLatin1Char('.')).contains(QString()))
        return QStringLiteral("empty step in field path %1").arg(quoted(field));
    return {};
}

// Checks a condition's value against its operator; *subPath is "" or an item such as "[2]".
bool valueProblem(Filter::Operator op, const QJsonValue &value, Problem *problem)
{
    const auto fail = [problem](const QString &subPath, const QString &message) {
        *problem = {subPath, message};
        return true;
    };
    if (value.isUndefined())
        return fail({}, QStringLiteral("missing value"));
    switch (op) {
    case Filter::Operator::In: {
        if (!value.isArray())
            return fail({}, QStringLiteral("\"in\" needs an array value"));
        const QJsonArray items = value.toArray();
        for (qsizetype i = 0; i < items.size(); ++i) {
            const QJsonValue item = items.at(i);
            if (!item.isString() && !item.isDouble() && !item.isBool())
                return fail(QStringLiteral("[%1]").arg(i),
                            QStringLiteral("list items must be strings, numbers or booleans"));
        }
        return false;
    }
    case Filter::Operator::Exists:
        if (!value.isBool())
            return fail({}, QStringLiteral("\"exists\" needs true or false"));
        return false;
    default:
        break;
    }
    if (value.isNull())
        return fail({}, QStringLiteral("null value (use \"exists\" to test for a missing field)"));
    if (value.isArray())
        return fail({}, QStringLiteral("an array value needs the \"in\" operator"));
    if (value.isObject())
        return fail({}, QStringLiteral("value must be a string, number or boolean"));
    if (value.isBool() && op != Filter::Operator::Equal && op != Filter::Operator::NotEqual)
        return fail({}, QStringLiteral("%1 does not apply to true/false (only = and !=)")
                            .arg(quoted(Filter::operatorText(op))));
    return false;
}

bool conditionProblem(const Filter &condition, const QString &path, Problem *problem)
{
    const QString fieldMessage = fieldProblem(condition.field());
    if (!fieldMessage.isEmpty()) {
        *problem = {join(path, QStringLiteral("field")), fieldMessage};
        return true;
    }
    if (valueProblem(condition.op(), condition.value(), problem)) {
        problem->path = join(path, QStringLiteral("value")) + problem->path;
        return true;
    }
    return false;
}

// Validation of a filter built in code. Depth is checked before descending, so the recursion is
// bounded by MaxDepth.
bool treeProblem(const Filter &filter, const QString &path, int depth, int *nodes, Problem *problem)
{
    if (++*nodes > Filter::MaxNodes) {
        *problem = {path, tooManyNodes()};
        return true;
    }
    switch (filter.kind()) {
    case Filter::Kind::Empty:
        *problem = {path, neitherMessage()};
        return true;
    case Filter::Kind::Condition:
        return conditionProblem(filter, path, problem);
    case Filter::Kind::Group:
        break;
    }
    if (depth > Filter::MaxDepth) {
        *problem = {path, tooDeep()};
        return true;
    }
    if (filter.children().isEmpty()) {
        *problem = {join(path, QStringLiteral("conditions")), QStringLiteral("empty conditions")};
        return true;
    }
    for (qsizetype i = 0; i < filter.children().size(); ++i) {
        if (treeProblem(filter.children().at(i), conditionsPath(path, i), depth + 1, nodes,
                        problem))
            return true;
    }
    return false;
}

// Reads setFilter JSON into a Filter, checking the structure as it goes (bounded recursion).
class FilterReader
{
public:
    Problem problem;

    bool read(const QJsonValue &json, const QString &path, int depth, Filter *out)
    {
        if (++m_nodes > Filter::MaxNodes)
            return fail(path, tooManyNodes());
        if (!json.isObject())
            return fail(path, QStringLiteral("expected an object (a condition or a group)"));
        const QJsonObject object = json.toObject();
        const bool isGroup =
            object.contains(QLatin1String("op")) || object.contains(QLatin1String("conditions"));
        const bool isCondition = object.contains(QLatin1String("field")) ||
                                 object.contains(QLatin1String("operator")) ||
                                 object.contains(QLatin1String("value"));
        if (isGroup && isCondition)
            return fail(path, QStringLiteral("both a condition (field, operator, value) and a "
                                             "group (op, conditions)"));
        if (isGroup)
            return readGroup(object, path, depth, out);
        if (isCondition)
            return readCondition(object, path, out);
        return fail(path, neitherMessage());
    }

private:
    bool fail(const QString &path, const QString &message)
    {
        problem = {path, message};
        return false;
    }

    bool readCondition(const QJsonObject &object, const QString &path, Filter *out)
    {
        const QString fieldPath = join(path, QStringLiteral("field"));
        const QJsonValue field = object.value(QLatin1String("field"));
        if (field.isUndefined())
            return fail(fieldPath, QStringLiteral("missing field"));
        if (!field.isString())
            return fail(fieldPath, QStringLiteral("field must be a string"));

        const QString operatorPath = join(path, QStringLiteral("operator"));
        const QJsonValue operatorValue = object.value(QLatin1String("operator"));
        if (operatorValue.isUndefined())
            return fail(operatorPath, QStringLiteral("missing operator"));
        if (!operatorValue.isString())
            return fail(operatorPath, QStringLiteral("operator must be a string"));
        Filter::Operator op = Filter::Operator::Equal;
        if (!Filter::operatorFromText(operatorValue.toString(), &op))
            return fail(
                operatorPath,
                QStringLiteral("unknown operator %1").arg(quoted(operatorValue.toString())));

        *out = Filter::condition(field.toString(), op, object.value(QLatin1String("value")));
        if (conditionProblem(*out, path, &problem))
            return false;
        return true;
    }

    bool readGroup(const QJsonObject &object, const QString &path, int depth, Filter *out)
    {
        if (depth > Filter::MaxDepth)
            return fail(path, tooDeep());
        const QString opPath = join(path, QStringLiteral("op"));
        const QJsonValue opValue = object.value(QLatin1String("op"));
        if (opValue.isUndefined())
            return fail(opPath, QStringLiteral("missing op"));
        const QString opText = opValue.toString();
        Filter::Combinator combinator = Filter::Combinator::And;
        if (opText == QLatin1String("AND") || opText == QLatin1String("and"))
            combinator = Filter::Combinator::And;
        else if (opText == QLatin1String("OR") || opText == QLatin1String("or"))
            combinator = Filter::Combinator::Or;
        else
            return fail(opPath, QStringLiteral("op must be \"AND\" or \"OR\""));

        const QString listPath = join(path, QStringLiteral("conditions"));
        const QJsonValue list = object.value(QLatin1String("conditions"));
        if (list.isUndefined())
            return fail(listPath, QStringLiteral("missing conditions"));
        if (!list.isArray())
            return fail(listPath, QStringLiteral("conditions must be an array"));
        const QJsonArray items = list.toArray();
        if (items.isEmpty())
            return fail(listPath, QStringLiteral("empty conditions"));

        QList<Filter> children;
        children.reserve(items.size());
        for (qsizetype i = 0; i < items.size(); ++i) {
            Filter child;
            if (!read(items.at(i), conditionsPath(path, i), depth + 1, &child))
                return false;
            children.append(child);
        }
        *out = Filter::group(combinator, children);
        return true;
    }

    int m_nodes = 0;
};

// JSON text of a scalar exactly as QJsonDocument writes it.
QByteArray scalarText(const QJsonValue &value)
{
    const QByteArray array = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

// JSON text of any value, in QJsonDocument's compact or indented format, continuing at `indent`.
QByteArray valueText(const QJsonValue &value, bool indented, int indent)
{
    if (!value.isArray() && !value.isObject())
        return scalarText(value);
    const QJsonDocument document =
        value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    if (!indented)
        return document.toJson(QJsonDocument::Compact);
    QByteArray text = document.toJson(QJsonDocument::Indented);
    text.chop(1); // the document's final newline
    return text.replace('\n', '\n' + QByteArray(indent, ' '));
}

// Writes objects member by member, because QJsonObject would sort the keys and the canonical
// order is field, operator, value / op, conditions. Same layout as QJsonDocument's.
class CanonicalWriter
{
public:
    explicit CanonicalWriter(bool indented)
        : m_indented(indented)
    {}

    QByteArray text;

    void writeFilter(const Filter &filter, int indent)
    {
        text += '{';
        bool first = true;
        switch (filter.kind()) {
        case Filter::Kind::Empty:
            break;
        case Filter::Kind::Condition:
            member(&first, indent, "field");
            text += scalarText(filter.field());
            member(&first, indent, "operator");
            text += scalarText(Filter::operatorText(filter.op()));
            if (!filter.value().isUndefined()) {
                member(&first, indent, "value");
                text += valueText(filter.value(), m_indented, indent + 4);
            }
            break;
        case Filter::Kind::Group:
            member(&first, indent, "op");
            text += scalarText(Filter::combinatorText(filter.combinator()));
            member(&first, indent, "conditions");
            text += '[';
            for (qsizetype i = 0; i < filter.children().size(); ++i) {
                if (i > 0)
                    text += ',';
                newline(indent + 8);
                writeFilter(filter.children().at(i), indent + 8);
            }
            newline(indent + 4);
            text += ']';
            break;
        }
        newline(indent);
        text += '}';
    }

private:
    void newline(int indent)
    {
        if (m_indented)
            text += '\n' + QByteArray(indent, ' ');
    }

    void member(bool *first, int indent, const char *key)
    {
        if (!*first)
            text += ',';
        *first = false;
        newline(indent + 4);
        text += '"';
        text += key;
        text += m_indented ? "\": " : "\":";
    }

    bool m_indented;
};

} // namespace

Filter::Filter(const Filter &other)
    : m_kind(other.m_kind)
    , m_field(other.m_field)
    , m_operator(other.m_operator)
    , m_value(other.m_value)
    , m_combinator(other.m_combinator)
    , m_children(other.m_children)
    , m_cache(std::atomic_load(&other.m_cache))
{}

Filter &Filter::operator=(const Filter &other)
{
    if (this != &other) {
        m_kind = other.m_kind;
        m_field = other.m_field;
        m_operator = other.m_operator;
        m_value = other.m_value;
        m_combinator = other.m_combinator;
        m_children = other.m_children;
        m_cache = std::atomic_load(&other.m_cache);
    }
    return *this;
}

Filter::~Filter() = default;

Filter Filter::condition(const QString &field, Operator op, const QJsonValue &value)
{
    Filter filter;
    filter.m_kind = Kind::Condition;
    filter.m_field = field;
    filter.m_operator = op;
    filter.m_value = value;
    return filter;
}

Filter Filter::group(Combinator combinator, const QList<Filter> &children)
{
    Filter filter;
    filter.m_kind = Kind::Group;
    filter.m_combinator = combinator;
    filter.m_children = children;
    return filter;
}

QJsonObject Filter::toJson() const
{
    QJsonObject object;
    switch (m_kind) {
    case Kind::Empty:
        break;
    case Kind::Condition:
        object.insert(QLatin1String("field"), m_field);
        object.insert(QLatin1String("operator"), operatorText(m_operator));
        object.insert(QLatin1String("value"), m_value);
        break;
    case Kind::Group: {
        QJsonArray conditions;
        for (const Filter &child : m_children)
            conditions.append(child.toJson());
        object.insert(QLatin1String("op"), combinatorText(m_combinator));
        object.insert(QLatin1String("conditions"), conditions);
        break;
    }
    }
    return object;
}

QByteArray Filter::toJsonText(bool indented) const
{
    CanonicalWriter writer(indented);
    writer.writeFilter(*this, 0);
    if (indented)
        writer.text += '\n';
    return writer.text;
}

FilterParseResult Filter::parse(const QJsonValue &json)
{
    FilterParseResult result;
    if (json.isNull() || json.isUndefined() || (json.isObject() && json.toObject().isEmpty()))
        return result;
    if (!json.isObject()) {
        result.errorMessage = QStringLiteral("a filter must be a JSON object");
        return result;
    }
    FilterReader reader;
    if (!reader.read(json, {}, 1, &result.filter)) {
        result.filter = Filter();
        result.errorPath = reader.problem.path;
        result.errorMessage = reader.problem.message;
        return result;
    }
    result.filter.matcherCache(); // compile now rather than on the first message
    return result;
}

FilterParseResult Filter::parse(const QByteArray &jsonText)
{
    const QByteArray trimmed = jsonText.trimmed();
    if (trimmed.isEmpty() || trimmed == "null")
        return {};
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(jsonText, &error);
    if (error.error != QJsonParseError::NoError) {
        FilterParseResult result;
        // Qt reports the byte just after the offending token's first byte (except for garbage at
        // the end); editors want the offending character itself, counted in UTF-16 units.
        int byteOffset = error.offset;
        if (error.error != QJsonParseError::GarbageAtEnd)
            --byteOffset;
        byteOffset = qBound(0, byteOffset, int(jsonText.size()));
        const int offset = int(QString::fromUtf8(jsonText.left(byteOffset)).size());
        result.syntaxErrorOffset = offset;
        result.errorMessage = QStringLiteral("JSON syntax error at character %1: %2")
                                  .arg(offset)
                                  .arg(error.errorString());
        return result;
    }
    if (document.isArray())
        return parse(QJsonValue(document.array()));
    return parse(QJsonValue(document.object()));
}

QString Filter::validationError() const
{
    if (m_kind == Kind::Empty)
        return {};
    int nodes = 0;
    Problem problem;
    if (!treeProblem(*this, {}, 1, &nodes, &problem))
        return {};
    FilterParseResult result;
    result.errorPath = problem.path;
    result.errorMessage = problem.message;
    return result.errorString();
}

std::shared_ptr<const Filter::MatcherCache> Filter::matcherCache() const
{
    std::shared_ptr<const MatcherCache> cache = std::atomic_load(&m_cache);
    if (cache && cache->children.isSharedWith(m_children))
        return cache;
    auto fresh = std::make_shared<MatcherCache>();
    fresh->matcher = FilterMatcher(*this);
    fresh->children = m_children;
    cache = fresh;
    // Two threads may both compile; either result is correct, the last one stays.
    std::atomic_store(&m_cache, cache);
    return cache;
}

bool Filter::matches(const QJsonObject &message) const
{
    if (m_kind == Kind::Empty)
        return true;
    return matcherCache()->matcher.matches(message);
}

bool Filter::matchesText(const QByteArray &json) const
{
    if (m_kind == Kind::Empty)
        return true;
    const QJsonDocument document = QJsonDocument::fromJson(json);
    return document.isObject() && matches(document.object());
}

QStringList Filter::fieldPaths() const
{
    QStringList paths;
    // Depth-first in document order, with an explicit stack (filters built in code have no depth
    // limit).
    QList<const Filter *> stack{this};
    while (!stack.isEmpty()) {
        const Filter *filter = stack.takeLast();
        if (filter->m_kind == Kind::Condition && !paths.contains(filter->m_field))
            paths.append(filter->m_field);
        for (auto it = filter->m_children.crbegin(); it != filter->m_children.crend(); ++it)
            stack.append(&*it);
    }
    return paths;
}

QString Filter::operatorText(Operator op)
{
    switch (op) {
    case Operator::Equal:
        return QStringLiteral("=");
    case Operator::NotEqual:
        return QStringLiteral("!=");
    case Operator::Greater:
        return QStringLiteral(">");
    case Operator::GreaterOrEqual:
        return QStringLiteral(">=");
    case Operator::Less:
        return QStringLiteral("<");
    case Operator::LessOrEqual:
        return QStringLiteral("<=");
    case Operator::In:
        return QStringLiteral("in");
    case Operator::Exists:
        return QStringLiteral("exists");
    }
    return {};
}

bool Filter::operatorFromText(const QString &text, Operator *op)
{
    static const Operator all[] = {
        Operator::Equal, Operator::NotEqual,    Operator::Greater, Operator::GreaterOrEqual,
        Operator::Less,  Operator::LessOrEqual, Operator::In,      Operator::Exists};
    for (const Operator candidate : all) {
        if (text == operatorText(candidate)) {
            *op = candidate;
            return true;
        }
    }
    // Older Allium pages spell these in upper case.
    if (text == QLatin1String("IN")) {
        *op = Operator::In;
        return true;
    }
    if (text == QLatin1String("EXISTS")) {
        *op = Operator::Exists;
        return true;
    }
    return false;
}

QString Filter::combinatorText(Combinator combinator)
{
    return combinator == Combinator::And ? QStringLiteral("AND") : QStringLiteral("OR");
}

bool operator==(const Filter &a, const Filter &b)
{
    if (a.m_kind != b.m_kind)
        return false;
    switch (a.m_kind) {
    case Filter::Kind::Empty:
        return true;
    case Filter::Kind::Condition:
        return a.m_field == b.m_field && a.m_operator == b.m_operator && a.m_value == b.m_value;
    case Filter::Kind::Group:
        return a.m_combinator == b.m_combinator && a.m_children == b.m_children;
    }
    return false;
}

QString FilterParseResult::errorString() const
{
    if (errorPath.isEmpty())
        return errorMessage;
    return errorPath + QStringLiteral(": ") + errorMessage;
}

} // namespace allium
