export const USAGE_HINT = 'Run `iamlint --help` for usage.';

export function helpText(version: string): string {
  return `iamlint ${version}: security linter for AWS IAM and EC2 configuration

Usage: iamlint [options] [paths...]        (default path: .)

Scans CloudFormation (YAML/JSON), Terraform JSON (*.tf.json), Terraform plan/state JSON and
IAM policy documents found in the paths (files, folders or globs; .gitignore is honoured).

Output
  -f, --format FORMAT       text (default), json, sarif, github, junit, gitlab
  -o, --output FILE         write the report to FILE instead of stdout
      --sarif-category NAME SARIF automationDetails.id (one category per upload in monorepos)
      --base-dir DIR        paths in SARIF/CI reports are relative to DIR
                            (default: the git top level of the working directory, else the directory)
  -q, --quiet               only findings at or above --fail-on; no summary
      --no-color            no ANSI colors (also NO_COLOR=1; colors are used only on a terminal)

Rules
      --fail-on LEVEL       error (default), warning, note or never: exit 1 when an unsuppressed
                            finding is at or above LEVEL
      --rule ID=LEVEL       set a rule to off, note, warning or error (repeatable)
      --list-rules          list the rules with their severity and exit

Files
      --ignore GLOB         skip matching files and folders (repeatable; gitignore syntax)
      --max-file-size SIZE  skip larger files with a message (bytes, or 512KB, 10MB; default 100MB)
  -j, --jobs N              worker threads (0 = automatic, 1 = none)

Configuration
  -c, --config FILE         config file (default: iamlint.config.json, iamlint.config.yaml/.yml,
                            .iamlint.yaml/.yml in the working directory or a folder above it,
                            up to the git top level)
      --no-config           do not look for a config file
      --baseline FILE       report findings recorded in FILE as suppressed
      --write-baseline FILE record today's unsuppressed findings in FILE and exit 0

  -v, --version             print the version
  -h, --help                print this help

Exit codes: 0 nothing unsuppressed at or above --fail-on, 1 findings at or above it,
2 usage or configuration error.

Suppressions: # iamlint-disable-next-line <rule> -- <reason>   (see docs/suppressions.md)
`;
}
