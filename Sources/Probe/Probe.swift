// The probe: checks of authoritative and recursive servers, producing findings.
