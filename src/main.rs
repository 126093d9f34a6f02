use std::process::ExitCode;

fn main() -> ExitCode {
    confsearch::run(std::env::args_os())
}
