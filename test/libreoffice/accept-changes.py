#!/usr/bin/python3
# Opens .docx files in LibreOffice (headless, through the UNO bridge) as a user would: counts
# the tracked changes and comments LibreOffice sees, accepts every tracked change, and saves the
# result as UTF-8 text. Prints one JSON object per file. Used by test/docx-libreoffice.test.ts.
#
#   accept-changes.py <profile-dir> <in.docx> <out.txt> [<in.docx> <out.txt> ...]
import json
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def connect(profile):
    pipe = 'speechlint%d' % os.getpid()
    office = subprocess.Popen(
        ['soffice', '--headless', '--invisible', '--norestore', '--nologo',
         '-env:UserInstallation=' + uno.systemPathToFileUrl(profile),
         '--accept=pipe,name=%s;urp;' % pipe],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    resolver = uno.getComponentContext().ServiceManager.createInstanceWithContext(
        'com.sun.star.bridge.UnoUrlResolver', uno.getComponentContext())
    # LibreOffice takes a while to start the first time (it creates its profile): try for up to 5 minutes.
    for _ in range(600):
        try:
            ctx = resolver.resolve('uno:pipe,name=%s;urp;StarOffice.ComponentContext' % pipe)
            return office, ctx
        except Exception:
            if office.poll() is not None:
                raise SystemExit('soffice exited with %d' % office.returncode)
            time.sleep(0.5)
    raise SystemExit('could not connect to soffice')


def count(enumeration_access, service=None):
    found = []
    enum = enumeration_access.createEnumeration()
    while enum.hasMoreElements():
        item = enum.nextElement()
        if service is None or item.supportsService(service):
            found.append(item)
    return found


def main():
    profile, pairs = sys.argv[1], sys.argv[2:]
    office, ctx = connect(profile)
    smgr = ctx.ServiceManager
    desktop = smgr.createInstanceWithContext('com.sun.star.frame.Desktop', ctx)
    dispatcher = smgr.createInstanceWithContext('com.sun.star.frame.DispatchHelper', ctx)
    try:
        for source, target in zip(pairs[0::2], pairs[1::2]):
            doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(source)), '_blank', 0, (prop('Hidden', True),))
            if doc is None:
                print(json.dumps({'file': source, 'error': 'not opened'}), flush=True)
                continue
            redlines = count(doc.getRedlines())
            comments = [
                {'content': field.getPropertyValue('Content'), 'anchor': field.getAnchor().getString(), 'author': field.getPropertyValue('Author')}
                for field in count(doc.getTextFields(), 'com.sun.star.text.textfield.Annotation')
            ]
            authors = sorted({r.getPropertyValue('RedlineAuthor') for r in redlines})
            dispatcher.executeDispatch(doc.getCurrentController().getFrame(), '.uno:AcceptAllTrackedChanges', '', 0, ())
            remaining = len(count(doc.getRedlines()))
            doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(target)), (prop('FilterName', 'Text (encoded)'), prop('FilterOptions', 'UTF8,LF,,,')))
            doc.close(True)
            print(json.dumps({'file': source, 'redlines': len(redlines), 'authors': authors, 'remaining': remaining, 'comments': comments}, ensure_ascii=False), flush=True)
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        office.wait(timeout=60)


main()
