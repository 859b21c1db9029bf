// SPDX-License-Identifier: MIT
#pragma once

#include "core/filter/filter.h"
#include "core/json/decimalnumber.h"

#include <QJsonObject>
#include <QSet>
#include <QString>

#include <optional>
#include <vector>

namespace allium {

/// A Filter compiled for evaluating many messages: paths split once, constant values parsed
/// once, `in` lists hashed. Immutable after construction, so one matcher may serve many threads.
class FilterMatcher
{
public:
    /// Matches everything, like an empty filter.
    FilterMatcher() = default;
    /// A filter that fails Filter::validationError() gives a matcher that matches nothing.
    explicit FilterMatcher(const Filter &filter);

    bool isValid() const { return m_valid; }
    bool matches(const QJsonObject &message) const;

private:
    // Result of comparing a message value with a constant.
    enum class Order { Less, Equal, Greater, Mismatch };

    struct PathStep
    {
        QString key;
        int index = -1; // the step as an array index, or -1
    };

    struct Constant
    {
        enum class Type { String, Number, Bool };
        Type type = Type::String;
        bool boolean = false;
        QString text; // strings
        bool hex = false;
        QString lowerHex;                     // text in ASCII lower case when it is a hex string
        std::optional<DecimalNumber> decimal; // numbers and numeric strings
        bool exactDouble = false;             // a JSON number whose double is exact
        double number = 0;
    };

    // The `in` list split by the equality rule that can apply to each kind of message value.
    struct ValueSet
    {
        QSet<QString> numbers; // canonical DecimalNumber text
        QSet<QString> hex;     // lower case
        QSet<QString> strings;
        bool hasTrue = false;
        bool hasFalse = false;
    };

    struct Node
    {
        enum class Type { Condition, And, Or };
        Type type = Type::Condition;
        int end = 0; // index one past this node's subtree in m_nodes
        std::vector<PathStep> path;
        Filter::Operator op = Filter::Operator::Equal;
        Constant constant;
        ValueSet set;
        bool exists = true;
    };

    void compile(const Filter &filter);
    static Constant compileConstant(const QJsonValue &value);
    static QJsonValue lookup(const QJsonObject &message, const std::vector<PathStep> &path);
    static Order compare(const QJsonValue &value, const Constant &constant);
    static bool inSet(const QJsonValue &value, const ValueSet &set);
    bool evaluate(int index, const QJsonObject &message) const;
    bool evaluateCondition(const Node &node, const QJsonObject &message) const;

    std::vector<Node> m_nodes;
    bool m_valid = true;
};

} // namespace allium
