// SPDX-License-Identifier: MIT
#include "core/filter/filtermatcher.h"

#include <QJsonArray>

#include <cmath>

namespace allium {

namespace {

// Doubles below 2^53 in magnitude hold their JSON number exactly, integer or not, so two of them
// compare exactly as doubles without building decimals.
constexpr double exactDoubleLimit = 9007199254740992.0;

bool isHexString(QStringView s)
{
    if (s.size() < 2 || s[0] != QLatin1Char('0') ||
        (s[1] != QLatin1Char('x') && s[1] != QLatin1Char('X')))
        return false;
    for (qsizetype i = 2; i < s.size(); ++i) {
        const char16_t c = s[i].unicode();
        const bool hexDigit =
            (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
        if (!hexDigit)
            return false;
    }
    return true;
}

// Lexicographic comparison of a hex string with an already lower-cased one, ignoring ASCII case.
int compareHex(QStringView s, QStringView lower)
{
    const qsizetype n = qMin(s.size(), lower.size());
    for (qsizetype i = 0; i < n; ++i) {
        char16_t c = s[i].unicode();
        if (c >= u'A' && c <= u'Z')
            c = char16_t(c + (u'a' - u'A'));
        const char16_t d = lower[i].unicode();
        if (c != d)
            return c < d ? -1 : 1;
    }
    return s.size() == lower.size() ? 0 : (s.size() < lower.size() ? -1 : 1);
}

bool isOrdering(Filter::Operator op)
{
    return op == Filter::Operator::Greater || op == Filter::Operator::GreaterOrEqual ||
           op == Filter::Operator::Less || op == Filter::Operator::LessOrEqual;
}

} // namespace

FilterMatcher::FilterMatcher(const Filter &filter)
{
    if (filter.isEmpty())
        return;
    if (!filter.validationError().isEmpty()) {
        m_valid = false;
        return;
    }
    compile(filter);
}

void FilterMatcher::compile(const Filter &filter)
{
    const auto index = m_nodes.size();
    m_nodes.emplace_back();
    if (filter.kind() == Filter::Kind::Group) {
        m_nodes[index].type =
            filter.combinator() == Filter::Combinator::And ? Node::Type::And : Node::Type::Or;
        // Depth is bounded by validation (Filter::MaxDepth), so this recursion is shallow.
        for (const Filter &child : filter.children())
            compile(child);
    } else {
        Node &node = m_nodes[index];
        node.type = Node::Type::Condition;
        node.op = filter.op();
        const QStringList steps = filter.field().split(QLatin1Char('.'));
        for (const QString &step : steps) {
            bool ok = false;
            const int i = step.toInt(&ok);
            node.path.push_back({step, ok && i >= 0 && step.at(0).isDigit() ? i : -1});
        }
        const QJsonValue value = filter.value();
        if (node.op == Filter::Operator::Exists) {
            node.exists = value.toBool();
        } else if (node.op == Filter::Operator::In) {
            const QJsonArray items = value.toArray();
            for (const QJsonValue &item : items) {
                const Constant c = compileConstant(item);
                if (c.type == Constant::Type::Bool)
                    (c.boolean ? node.set.hasTrue : node.set.hasFalse) = true;
                else if (c.decimal)
                    node.set.numbers.insert(c.decimal->toString());
                else if (c.hex)
                    node.set.hex.insert(c.lowerHex);
                else
                    node.set.strings.insert(c.text);
            }
        } else {
            node.constant = compileConstant(value);
        }
    }
    m_nodes[index].end = int(m_nodes.size());
}

FilterMatcher::Constant FilterMatcher::compileConstant(const QJsonValue &value)
{
    Constant c;
    if (value.isBool()) {
        c.type = Constant::Type::Bool;
        c.boolean = value.toBool();
    } else if (value.isDouble()) {
        c.type = Constant::Type::Number;
        c.decimal = DecimalNumber::fromJson(value);
        c.number = value.toDouble();
        c.exactDouble = std::fabs(c.number) < exactDoubleLimit;
    } else {
        c.type = Constant::Type::String;
        c.text = value.toString();
        c.decimal = DecimalNumber::fromString(c.text);
        c.hex = isHexString(c.text);
        if (c.hex)
            c.lowerHex = c.text.toLower();
    }
    return c;
}

QJsonValue FilterMatcher::lookup(const QJsonObject &message, const std::vector<PathStep> &path)
{
    QJsonValue value = message.value(path.front().key);
    for (auto it = path.begin() + 1; it != path.end(); ++it) {
        if (value.isObject()) {
            value = value.toObject().value(it->key);
        } else if (value.isArray() && it->index >= 0) {
            const QJsonArray array = value.toArray();
            if (it->index >= array.size())
                return QJsonValue(QJsonValue::Undefined);
            value = array.at(it->index);
        } else {
            return QJsonValue(QJsonValue::Undefined);
        }
    }
    return value;
}

FilterMatcher::Order FilterMatcher::compare(const QJsonValue &value, const Constant &c)
{
    const auto order = [](int r) {
        return r < 0 ? Order::Less : (r > 0 ? Order::Greater : Order::Equal);
    };
    switch (value.type()) {
    case QJsonValue::Bool:
        return c.type == Constant::Type::Bool && value.toBool() == c.boolean ? Order::Equal
                                                                             : Order::Mismatch;
    case QJsonValue::Double: {
        if (!c.decimal)
            return Order::Mismatch;
        const double d = value.toDouble();
        if (c.exactDouble && std::fabs(d) < exactDoubleLimit)
            return d < c.number ? Order::Less : (d > c.number ? Order::Greater : Order::Equal);
        const std::optional<DecimalNumber> number = DecimalNumber::fromJson(value);
        return number ? order(number->compare(*c.decimal)) : Order::Mismatch;
    }
    case QJsonValue::String: {
        const QString s = value.toString();
        int r = 0;
        if (c.decimal && DecimalNumber::compareText(s, *c.decimal, &r))
            return order(r);
        if (c.type != Constant::Type::String)
            return Order::Mismatch;
        if (c.hex && isHexString(s))
            return order(compareHex(s, c.lowerHex));
        return order(s.compare(c.text));
    }
    default:
        return Order::Mismatch;
    }
}

bool FilterMatcher::inSet(const QJsonValue &value, const ValueSet &set)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return value.toBool() ? set.hasTrue : set.hasFalse;
    case QJsonValue::Double: {
        if (set.numbers.isEmpty())
            return false;
        const std::optional<DecimalNumber> number = DecimalNumber::fromJson(value);
        return number && set.numbers.contains(number->toString());
    }
    case QJsonValue::String: {
        const QString s = value.toString();
        // The three kinds of string are disjoint, and each only ever equals its own kind.
        if (DecimalNumber::isNumeric(s)) {
            return !set.numbers.isEmpty() &&
                   set.numbers.contains(DecimalNumber::fromString(s)->toString());
        }
        if (isHexString(s))
            return set.hex.contains(s.toLower());
        return set.strings.contains(s);
    }
    default:
        return false;
    }
}

bool FilterMatcher::evaluateCondition(const Node &node, const QJsonObject &message) const
{
    const QJsonValue value = lookup(message, node.path);
    const bool present = !value.isUndefined() && !value.isNull();
    if (node.op == Filter::Operator::Exists)
        return present == node.exists;
    if (!present)
        return false;
    if (node.op == Filter::Operator::In)
        return inSet(value, node.set);
    if (isOrdering(node.op) && (value.isBool() || node.constant.type == Constant::Type::Bool))
        return false;
    const Order order = compare(value, node.constant);
    switch (node.op) {
    case Filter::Operator::Equal:
        return order == Order::Equal;
    case Filter::Operator::NotEqual:
        return order != Order::Equal;
    case Filter::Operator::Greater:
        return order == Order::Greater;
    case Filter::Operator::GreaterOrEqual:
        return order == Order::Greater || order == Order::Equal;
    case Filter::Operator::Less:
        return order == Order::Less;
    case Filter::Operator::LessOrEqual:
        return order == Order::Less || order == Order::Equal;
    case Filter::Operator::In:
    case Filter::Operator::Exists:
        break;
    }
    return false;
}

bool FilterMatcher::evaluate(int index, const QJsonObject &message) const
{
    const Node &node = m_nodes[size_t(index)];
    if (node.type == Node::Type::Condition)
        return evaluateCondition(node, message);
    const bool isAnd = node.type == Node::Type::And;
    for (int child = index + 1; child < node.end; child = m_nodes[size_t(child)].end) {
        if (evaluate(child, message) != isAnd)
            return !isAnd;
    }
    return isAnd;
}

bool FilterMatcher::matches(const QJsonObject &message) const
{
    if (!m_valid)
        return false;
    return m_nodes.empty() || evaluate(0, message);
}

} // namespace allium
