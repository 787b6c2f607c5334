#include "engine/network/command_p.h"

#include <QProcess>

namespace muelle::engine::network {
namespace {

constexpr int timeoutMs = 30000;

Code codeFor(const QByteArray &stderrText)
{
    if (stderrText.contains("Cannot find device") || stderrText.contains("No such file")
        || stderrText.contains("does not exist") || stderrText.contains("No chain/target/match"))
        return Code::NotFound;
    if (stderrText.contains("File exists") || stderrText.contains("already exists"))
        return Code::AlreadyExists;
    return Code::Internal;
}

} // namespace

Result<QByteArray> run(const QStringList &argv, const QByteArray &input)
{
    const QString what = argv.join(u' ');
    QProcess process;
    process.setProgram(argv.value(0));
    process.setArguments(argv.mid(1));
    process.start();
    if (!process.waitForStarted(timeoutMs))
        return fail(Code::Unavailable, QStringLiteral("%1: %2").arg(what, process.errorString()));
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return fail(Code::Unavailable, QStringLiteral("%1: timed out").arg(what));
    }
    const QByteArray errors = process.readAllStandardError().trimmed();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        const QString cause = errors.isEmpty() ? QStringLiteral("exit status %1").arg(process.exitCode())
                                               : QString::fromUtf8(errors).replace(u'\n', u' ');
        return fail(codeFor(errors), QStringLiteral("%1: %2").arg(what, cause));
    }
    return process.readAllStandardOutput();
}

Result<QByteArray> runInNetns(int pid, const QStringList &argv, const QByteArray &input)
{
    return run(
        QStringList{ QStringLiteral("nsenter"), QStringLiteral("--net=/proc/%1/ns/net").arg(pid) } + argv, input);
}

} // namespace muelle::engine::network
