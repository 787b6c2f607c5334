#pragma once
// What an instruction becomes when the build reaches it: variables
// substituted, with the environment in force there (ENV and ARG values), for
// the instructions Docker substitutes (see substitution.h). Each argument is
// one word, quotes removed; EXPOSE alone may turn one word into several
// ("EXPOSE $PORTS" with PORTS="80 443"), as dockerd's builder does.

#include "dockerfile/instructions.h"
#include "dockerfile/substitution.h"

#include <QList>
#include <QString>

namespace muelle::dockerfile {

// The same instruction with its arguments substituted; the others (RUN, CMD,
// ENTRYPOINT, SHELL, HEALTHCHECK, ONBUILD, MAINTAINER) unchanged. FROM is left
// to expandedBaseName() in stages.h. Errors are the lexer's
// (`failed to process "${a": syntax error: missing '}'`).
Result<Instruction> expandInstruction(const Instruction &instruction, const Environment &env, QChar escape = u'\\');

struct ExposedPort {
    int first = 0;
    int last = 0; // == first for a single port
    QString protocol; // tcp (the default), udp or sctp
    QString toString() const; // "80/tcp", "8000-8010/udp"
    friend bool operator==(const ExposedPort &, const ExposedPort &) = default;
};

// EXPOSE's expanded words as ports, with go-connections' messages as dockerd
// 20.10 answers them ("Invalid containerPort: 80a", "Invalid proto: icmp").
Result<QList<ExposedPort>> parseExposedPorts(const QStringList &specs);

} // namespace muelle::dockerfile
